using System.CommandLine;

namespace SlmRag.Cli.Commands;

/// <summary>Options every command understands.</summary>
public sealed class CommonOptions
{
    public Option<string?> DataDirectory { get; } = new("--data-dir")
    {
        Description = "The data directory (overrides Storage:DataDirectory).",
        Recursive = true,
    };

    /// <summary>Configuration overrides from the command line, applied over appsettings.json and the environment.</summary>
    public Dictionary<string, string?> Overrides(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(DataDirectory) is { Length: > 0 } directory)
        {
            overrides["Storage:DataDirectory"] = directory;
        }

        return overrides;
    }
}
