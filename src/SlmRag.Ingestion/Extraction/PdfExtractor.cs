using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;
using SlmRag.Core.Ingestion;
using SlmRag.Ingestion.Extraction.PdfLayout;

namespace SlmRag.Ingestion.Extraction;

/// <summary>
/// PDF text through poppler's pdftotext, one process per document with a deadline. Its word boxes
/// (<c>-bbox-layout</c>) give pages, flows and lines, from which table rows are rebuilt
/// (<see cref="TableRowFinder"/>); should that markup be unreadable, its plain text is used, where form
/// feeds mark page ends. Encrypted files are first decrypted by qpdf with the uploader's password (read
/// from a private file, never put on a command line).
/// </summary>
internal sealed partial class PdfExtractor(IOptions<IngestionOptions> options) : IDocumentExtractor
{
    public IReadOnlyCollection<SourceFormat> Formats { get; } = [SourceFormat.Pdf];

    public string Version => "pdf-3";

    public async Task<ExtractedDocument> ExtractAsync(ExtractionInput input, CancellationToken cancellationToken)
    {
        try
        {
            return await PdftotextAsync(input, cancellationToken);
        }
        catch (IngestionException ex) when (ex.Error is IngestionError.ToolMissing or IngestionError.Malformed)
        {
            // pdftotext (or qpdf) is not installed, or gave up on the file: PdfPig reads some of those.
            return Fallback(input, ex, cancellationToken);
        }
    }

    private ExtractedDocument Fallback(ExtractionInput input, IngestionException original, CancellationToken cancellationToken)
    {
        string text;
        string? title;
        try
        {
            (text, title) = PdfPigReader.Read(input.FilePath, input.Password, options.Value.MaxExtractedCharacters, cancellationToken);
        }
        catch (IngestionException fallback) when (original.Error == IngestionError.Malformed && fallback.Error == IngestionError.Malformed)
        {
            throw original;
        }

        return Build(text, title, input.FileName, options.Value.MaxExtractedCharacters);
    }

    private async Task<ExtractedDocument> PdftotextAsync(ExtractionInput input, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var timeout = TimeSpan.FromSeconds(settings.Pdf.TimeoutSeconds);
        string? decrypted = null;
        try
        {
            if (input.Password is not null)
            {
                decrypted = await DecryptAsync(input, timeout, cancellationToken);
            }

            var file = decrypted ?? input.FilePath;
            var (exitCode, layout, standardError) = await ToolProcess.RunStreamingAsync(settings.Pdf.PdftotextPath,
                ["-bbox-layout", "-enc", "UTF-8", file, "-"], timeout, (output, token) => ReadLayoutAsync(output, settings.MaxExtractedCharacters, token),
                cancellationToken);
            if (exitCode != 0)
            {
                throw Failure(exitCode, standardError, input.Password is not null);
            }

            if (layout is not null)
            {
                return LayoutTextWriter.Write(layout, input.FileName, settings.MaxExtractedCharacters);
            }

            var result = await ToolProcess.RunAsync(settings.Pdf.PdftotextPath,
                ["-htmlmeta", "-enc", "UTF-8", "-eol", "unix", file, "-"],
                timeout, settings.MaxExtractedCharacters + 4096, cancellationToken);
            if (result.ExitCode != 0)
            {
                throw Failure(result.ExitCode, result.StandardError, input.Password is not null);
            }

            return Parse(result.StandardOutput, input.FileName, settings.MaxExtractedCharacters);
        }
        finally
        {
            if (decrypted is not null)
            {
                File.Delete(decrypted);
            }
        }
    }

    /// <summary>The positioned text, or null when the markup cannot be read (the plain text is used then).</summary>
    private static async Task<LayoutDocument?> ReadLayoutAsync(TextReader output, int maxCharacters, CancellationToken cancellationToken)
    {
        try
        {
            return await BboxLayoutReader.ReadAsync(output, maxCharacters, cancellationToken);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private async Task<string> DecryptAsync(ExtractionInput input, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("slmrag-pdf-");
        var passwordFile = Path.Combine(directory.FullName, "password");
        var output = Path.Combine(Path.GetTempPath(), $"slmrag-{Guid.NewGuid():N}.pdf");
        try
        {
            await File.WriteAllTextAsync(passwordFile, input.Password, cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            var result = await ToolProcess.RunAsync(options.Value.Pdf.QpdfPath,
                [$"--password-file={passwordFile}", "--decrypt", input.FilePath, output], timeout, 64 * 1024, cancellationToken);
            // qpdf exits 3 for warnings with a usable output.
            if (result.ExitCode is 0 or 3 && File.Exists(output))
            {
                return output;
            }

            File.Delete(output);
            throw result.StandardError.Contains("invalid password", StringComparison.OrdinalIgnoreCase)
                ? new IngestionException(IngestionError.WrongPassword, "The password supplied for this PDF is not correct.")
                : new IngestionException(IngestionError.Malformed, $"The PDF cannot be read: {FirstLine(result.StandardError)}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static IngestionException Failure(int exitCode, string standardError, bool hadPassword)
    {
        if (standardError.Contains("Incorrect password", StringComparison.OrdinalIgnoreCase))
        {
            return hadPassword
                ? new IngestionException(IngestionError.WrongPassword, "The password supplied for this PDF is not correct.")
                : new IngestionException(IngestionError.PasswordRequired, "The PDF is encrypted; upload it again with its password (form field 'password' or --password).");
        }

        if (standardError.Contains("Wrong page range", StringComparison.Ordinal))
        {
            return new IngestionException(IngestionError.Malformed, "The PDF is damaged: no readable pages were found.");
        }

        return new IngestionException(IngestionError.Malformed, $"The PDF cannot be read (pdftotext exit code {exitCode}): {FirstLine(standardError)}");
    }

    private static ExtractedDocument Parse(string html, string fileName, int maxCharacters)
    {
        var title = TitleElement().Match(html) is { Success: true } t ? WebUtility.HtmlDecode(t.Groups[1].Value) : null;
        var preStart = html.IndexOf("<pre>", StringComparison.Ordinal);
        var preEnd = html.LastIndexOf("</pre>", StringComparison.Ordinal);
        var text = preStart >= 0 && preEnd > preStart ? WebUtility.HtmlDecode(html[(preStart + 5)..preEnd]) : string.Empty;
        return Build(text, title, fileName, maxCharacters);
    }

    /// <summary>Pages separated by form feeds (pdftotext's output, and PdfPig's as the fallback writes it).</summary>
    private static ExtractedDocument Build(string text, string? title, string fileName, int maxCharacters)
    {
        var builder = new ExtractedTextBuilder(maxCharacters);
        var pages = text.Split('\f');
        // pdftotext ends the last page with a form feed too; the empty remainder is not a page.
        var count = pages.Length > 1 && string.IsNullOrWhiteSpace(pages[^1]) ? pages.Length - 1 : pages.Length;
        for (var i = 0; i < count; i++)
        {
            builder.BeginPage(i + 1);
            foreach (var paragraph in BlankLines().Split(pages[i]))
            {
                PdfParagraphs.Add(builder, paragraph.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }

            builder.EndPage();
        }

        return PdfParagraphs.Finish(builder, title, fileName);
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(l => !l.StartsWith("Syntax", StringComparison.Ordinal)) ?? "no details";

    [GeneratedRegex(@"<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex TitleElement();

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex BlankLines();
}
