using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using SlmRag.Core.Ingestion;

namespace SlmRag.Ingestion.Extraction;

/// <summary>Turns the Open XML SDK's exceptions for broken files into a document-level Malformed failure.</summary>
internal static class OfficeErrors
{
    public static T Guard<T>(Func<T> extract)
    {
        try
        {
            return extract();
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or XmlException or InvalidDataException or InvalidOperationException)
        {
            throw new IngestionException(IngestionError.Malformed, $"The Office file cannot be read: {ex.Message}", inner: ex);
        }
    }
}
