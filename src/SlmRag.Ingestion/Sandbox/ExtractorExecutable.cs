namespace SlmRag.Ingestion.Sandbox;

/// <summary>
/// How to start <c>slmrag-extract</c>: its native launcher when there is one, otherwise its DLL through the
/// <c>dotnet</c> host that runs this process.
/// </summary>
internal sealed record ExtractorExecutable(string FileName, IReadOnlyList<string> Arguments)
{
    public const string Name = "slmrag-extract";

    public static ExtractorExecutable Locate(string configuredPath)
    {
        if (configuredPath.Length > 0)
        {
            return configuredPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                ? new ExtractorExecutable(DotnetHost(), [Path.GetFullPath(configuredPath)])
                : new ExtractorExecutable(Path.GetFullPath(configuredPath), []);
        }

        var directory = AppContext.BaseDirectory;
        var dll = Path.Combine(directory, Name + ".dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException(
                $"The sandboxed extractor {dll} is missing; it is built with SlmRag (src/SlmRag.Extractor). Set Ingestion:Sandbox:ExecutablePath to its location.");
        }

        return new ExtractorExecutable(DotnetHost(), [dll]);
    }

    /// <remarks>
    /// The DLL through the host is used even where a launcher exists: the launcher finds its runtime from
    /// the environment, which a test host or a container may not set, while this host is known to work.
    /// </remarks>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        // The runtime directory is <root>/shared/Microsoft.NETCore.App/<version>/; the host sits in <root>.
        var root = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(candidate) ? candidate : "dotnet";
    }
}
