using System.Text.RegularExpressions;

namespace SlmRag.Core.Collections;

/// <summary>Rules for collection names: they appear in URLs, file names and (later) as OpenAI model ids.</summary>
public static partial class CollectionName
{
    public const string Rule = "1-64 characters: lower-case letters, digits, '-' or '_', starting with a letter or digit";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex Pattern();
}
