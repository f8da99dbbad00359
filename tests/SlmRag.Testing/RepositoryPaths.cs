using Xunit;

namespace SlmRag.Testing;

/// <summary>Finds the repository root and the shared test material beside it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Corpora => Path.Combine(Root, "corpora");

    /// <summary>
    /// The shared material (../shared from the root). Skips the calling test with a visible reason
    /// when it is absent on a developer's clone, and fails it under CI (CI=true), where it must exist.
    /// </summary>
    public static string RequireShared(params string[] parts)
    {
        var path = Path.GetFullPath(Path.Combine([Root, "..", "shared", .. parts]));
        if (Directory.Exists(path) || File.Exists(path))
        {
            return path;
        }

        var reason = $"Shared test material is missing: {path} (it sits beside the repository as ../shared).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason + " CI must provide it.");
        }

        Assert.Skip(reason);
        return path;
    }

    /// <summary>Skips (or under CI fails) when a command-line tool the test needs is not installed.</summary>
    public static void RequireTool(string tool)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
        if (found)
        {
            return;
        }

        var reason = $"'{tool}' is not installed; run ./test.sh (it installs poppler-utils and qpdf) or apt-get install -y poppler-utils qpdf.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
    }

    /// <summary>
    /// The llama.cpp libraries fetched by scripts/fetch-llama.sh (test.sh runs it). Skips with the reason
    /// when they are absent on a developer's clone, fails under CI.
    /// </summary>
    public static string RequireLlamaLibraries()
    {
        try
        {
            return SlmRag.LlamaCpp.LlamaRuntime.ResolveDirectory(null);
        }
        catch (SlmRag.LlamaCpp.LlamaException e)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(e.Message);
            }

            Assert.Skip(e.Message);
            throw;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SlmRag.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SlmRag.sln was not found above the test binaries.");
    }
}
