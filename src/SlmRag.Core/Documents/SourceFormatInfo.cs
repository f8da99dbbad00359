namespace SlmRag.Core.Documents;

/// <summary>Media types of the supported formats.</summary>
public static class SourceFormatInfo
{
    public static string MediaType(this SourceFormat format) => format switch
    {
        SourceFormat.PlainText => "text/plain",
        SourceFormat.Markdown => "text/markdown",
        SourceFormat.Html => "text/html",
        SourceFormat.Pdf => "application/pdf",
        SourceFormat.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        SourceFormat.Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        SourceFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
