namespace SlmRag.Api.Hosting;

/// <summary>
/// Where appsettings.json is read from: SLMRAG_ROOT if set, else the working directory when it
/// holds one (the repository root in the README's commands), else the copy beside the binaries.
/// </summary>
public static class ContentRootLocator
{
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("SLMRAG_ROOT") is { Length: > 0 } root)
        {
            return Path.GetFullPath(root);
        }

        var current = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(current, "appsettings.json")) ? current : AppContext.BaseDirectory;
    }
}
