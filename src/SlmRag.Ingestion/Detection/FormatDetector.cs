using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Options;
using SlmRag.Core.Documents;
using SlmRag.Core.Ingestion;

namespace SlmRag.Ingestion.Detection;

/// <summary>
/// Decides a file's format from its bytes; the extension only breaks ties between text formats
/// (Markdown and plain text look alike). A PDF named ".txt" is still a PDF.
/// </summary>
internal sealed class FormatDetector(IOptions<IngestionOptions> options)
{
    private const int SniffBytes = 8192;

    public SourceFormat Detect(string path, string fileName)
    {
        var info = new FileInfo(path);
        if (info.Length == 0)
        {
            throw new IngestionException(IngestionError.EmptyFile, "The file is empty.");
        }

        var head = new byte[(int)Math.Min(SniffBytes, info.Length)];
        using (var stream = File.OpenRead(path))
        {
            stream.ReadExactly(head);
        }

        if (IndexOf(head, "%PDF-"u8, 1024) >= 0)
        {
            return SourceFormat.Pdf;
        }

        if (head.AsSpan().StartsWith("PK\x03\x04"u8))
        {
            return DetectOfficeArchive(path);
        }

        if (head.AsSpan().StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
        {
            throw new IngestionException(IngestionError.UnsupportedType,
                "This is a legacy Office binary file (.doc/.xls/.ppt) or a password-protected Office file; save it as .docx/.xlsx/.pptx without a password.");
        }

        var text = DecodeSniff(head);
        if (text is null)
        {
            throw new IngestionException(IngestionError.UnsupportedType, "The file is binary and not a supported format (PDF, DOCX, PPTX, XLSX, HTML, Markdown, text).");
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (LooksLikeHtml(text, extension is ".html" or ".htm" or ".xhtml"))
        {
            return SourceFormat.Html;
        }

        return extension is ".md" or ".markdown" or ".mdown" or ".mkd" ? SourceFormat.Markdown : SourceFormat.PlainText;
    }

    private SourceFormat DetectOfficeArchive(string path)
    {
        var limits = options.Value.Archives;
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException ex)
        {
            throw new IngestionException(IngestionError.Malformed, $"The file looks like a zip archive but cannot be read: {ex.Message}", inner: ex);
        }

        using (archive)
        {
            if (archive.Entries.Count > limits.MaxEntries)
            {
                throw new IngestionException(IngestionError.SuspiciousArchive,
                    $"The archive has {archive.Entries.Count:N0} entries, more than Ingestion:Archives:MaxEntries ({limits.MaxEntries:N0}).");
            }

            long total = 0;
            foreach (var entry in archive.Entries)
            {
                total += entry.Length;
                if (entry.Length > 1024 * 1024 && entry.Length > (long)limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                {
                    throw new IngestionException(IngestionError.SuspiciousArchive,
                        $"The entry '{entry.FullName}' expands {entry.Length / Math.Max(1, entry.CompressedLength):N0} times, more than Ingestion:Archives:MaxCompressionRatio ({limits.MaxCompressionRatio}); refusing a possible decompression bomb.");
                }
            }

            if (total > limits.MaxUncompressedBytes)
            {
                throw new IngestionException(IngestionError.SuspiciousArchive,
                    $"The archive expands to {total:N0} bytes, more than Ingestion:Archives:MaxUncompressedBytes ({limits.MaxUncompressedBytes:N0}).");
            }

            var names = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!names.Contains("[Content_Types].xml"))
            {
                throw new IngestionException(IngestionError.UnsupportedType, "Zip archives are not ingested; upload the documents inside it.");
            }

            if (names.Contains("word/document.xml") || names.Any(n => n.StartsWith("word/", StringComparison.OrdinalIgnoreCase)))
            {
                return SourceFormat.Docx;
            }

            if (names.Any(n => n.StartsWith("ppt/", StringComparison.OrdinalIgnoreCase)))
            {
                return SourceFormat.Pptx;
            }

            if (names.Any(n => n.StartsWith("xl/", StringComparison.OrdinalIgnoreCase)))
            {
                return SourceFormat.Xlsx;
            }

            throw new IngestionException(IngestionError.UnsupportedType, "This Office Open XML package is not a Word, PowerPoint or Excel document.");
        }
    }

    /// <summary>Text if the head decodes as UTF-8/UTF-16 (BOM) or is free of control bytes, else null.</summary>
    private static string? DecodeSniff(byte[] head)
    {
        if (head.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }) || head.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return TextDecoding.Decode(head, isPrefix: true);
        }

        var controls = head.Count(b => b < 0x09 || b is > 0x0D and < 0x20 and not 0x1B);
        return controls > head.Length / 100 ? null : TextDecoding.Decode(head, isPrefix: true);
    }

    /// <param name="htmlName">The name ends in .html: then any markup start is enough (fragments without html/body tags).</param>
    private static bool LooksLikeHtml(string text, bool htmlName)
    {
        var start = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<head", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return start.StartsWith('<') && (htmlName || text.Contains("<body", StringComparison.OrdinalIgnoreCase) || text.Contains("</p>", StringComparison.OrdinalIgnoreCase) || text.Contains("</div>", StringComparison.OrdinalIgnoreCase));
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle, int within) =>
        haystack.AsSpan(0, Math.Min(within, haystack.Length)).IndexOf(needle);
}
