namespace SlmRag.Ingestion.Uploads;

/// <summary>
/// Checks names that uploaders give. Blobs are named by the store, so a name never touches the file
/// system; a name with path segments is still refused, since it signals a broken or hostile client.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 255;

    public static string? Problem(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return "The file has no name.";
        }

        if (fileName.Length > MaxLength)
        {
            return $"The file name is longer than {MaxLength} characters.";
        }

        if (fileName.Contains('/') || fileName.Contains('\\') || fileName is "." or ".." || fileName.Contains(':'))
        {
            return $"The file name '{fileName}' contains path segments; upload plain file names.";
        }

        return fileName.Any(char.IsControl) ? "The file name contains control characters." : null;
    }

    /// <summary>Document keys may hold '/' (CLI keys are relative paths) but no traversal or control characters.</summary>
    public static string? KeyProblem(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return "The document key is empty.";
        }

        if (key.Length > 1024 || key.Any(char.IsControl))
        {
            return "The document key is longer than 1024 characters or contains control characters.";
        }

        return key.Split('/', '\\').Any(segment => segment == "..") ? $"The document key '{key}' contains '..'." : null;
    }
}
