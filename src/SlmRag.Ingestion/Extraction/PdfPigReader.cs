using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;
using SlmRag.Core.Ingestion;

namespace SlmRag.Ingestion.Extraction;

/// <summary>
/// The fallback PDF text reader (PdfPig, managed): used when pdftotext is missing or fails on a file PdfPig can
/// read. Runs only in the extraction sandbox, as one known file overflows its stack. Pages are separated by form
/// feeds like pdftotext's output, and ligatures (ﬁ, ﬂ) are folded by NFKC so words match their search terms.
/// </summary>
internal static class PdfPigReader
{
    public static (string Text, string? Title) Read(string path, string? password, int maxCharacters, CancellationToken cancellationToken)
    {
        try
        {
            var options = new ParsingOptions { UseLenientParsing = true, Password = password ?? string.Empty, SkipMissingFonts = true };
            using var document = PdfDocument.Open(path, options);
            var text = new StringBuilder();
            foreach (var page in document.GetPages())
            {
                cancellationToken.ThrowIfCancellationRequested();
                text.Append(ContentOrderTextExtractor.GetText(page).Normalize(NormalizationForm.FormKC)).Append('\f');
                if (text.Length > maxCharacters)
                {
                    throw new IngestionException(IngestionError.TooLarge, $"The extracted text passes {maxCharacters:N0} characters (Ingestion:MaxExtractedCharacters).");
                }
            }

            return (text.ToString(), document.Information.Title);
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw password is null
                ? new IngestionException(IngestionError.PasswordRequired, "The PDF is encrypted; upload it again with its password (form field 'password' or --password).", inner: ex)
                : new IngestionException(IngestionError.WrongPassword, "The password supplied for this PDF is not correct.", inner: ex);
        }
        catch (Exception ex) when (ex is PdfDocumentFormatException or PdfDocumentStackDepthException or InvalidOperationException or ArgumentException or IndexOutOfRangeException
            or NullReferenceException or InvalidCastException or KeyNotFoundException or FormatException or OverflowException or EndOfStreamException)
        {
            // PdfPig reports broken files with many exception types; all mean "cannot read this file".
            throw new IngestionException(IngestionError.Malformed, $"The PDF cannot be read (PdfPig: {ex.Message})", inner: ex);
        }
    }
}
