using SlmRag.Core.Documents;
using SlmRag.Ingestion.Uploads;

namespace SlmRag.Api.Apis;

/// <summary>Validates the metadata fields of an upload; lists accept repeated fields or commas.</summary>
internal static class UploadFields
{
    public static string? Validate(Dictionary<string, List<string>> fields, int fileCount, out DocumentMetadata metadata, out string? key, out string? password)
    {
        metadata = DocumentMetadata.Empty;
        key = Single(fields, "key");
        password = Single(fields, "password");
        var sourceUrl = Single(fields, "sourceUrl");
        var title = Single(fields, "title");
        if (key is not null && fileCount != 1)
        {
            return "The 'key' field names one document; upload one file per request when you set it.";
        }

        if (key is not null && FileNames.KeyProblem(key) is { } keyProblem)
        {
            return keyProblem;
        }

        if (sourceUrl is not null && !(Uri.TryCreate(sourceUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            return "The 'sourceUrl' field must be an absolute http or https URL.";
        }

        var tags = List(fields, "tags");
        var groups = List(fields, "accessGroups");
        if (tags.Concat(groups).Any(v => v.Length > 128 || v.Any(char.IsControl)))
        {
            return "Tags and access groups are at most 128 characters, without control characters.";
        }

        metadata = new DocumentMetadata(tags, sourceUrl, groups, string.IsNullOrWhiteSpace(title) ? null : title.Trim());
        return null;
    }

    private static string? Single(Dictionary<string, List<string>> fields, string name) =>
        fields.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[^1]) ? values[^1] : null;

    private static string[] List(Dictionary<string, List<string>> fields, string name) =>
        fields.TryGetValue(name, out var values)
            ? values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray()
            : [];
}
