using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace SlmRag.Ingestion.Extraction;

/// <summary>
/// Reads large Office parts one child element at a time (a paragraph, a table, a row) instead of loading the
/// whole part, after a streaming check of its nesting depth and element count. Memory then follows the
/// largest block, not the document.
/// </summary>
internal static class OfficeStreaming
{
    /// <summary>Checks the part's structure against the limits without building it.</summary>
    public static void Check(OpenXmlPart part, ExtractionLimits limits)
    {
        using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
        NestingScanner.CheckXml(stream, limits);
    }

    /// <summary>The children of the first <typeparamref name="TContainer"/> element of the part, each loaded alone.</summary>
    public static IEnumerable<OpenXmlElement> ChildrenOf<TContainer>(OpenXmlPart part)
        where TContainer : OpenXmlElement
    {
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(TContainer) || !reader.IsStartElement)
            {
                continue;
            }

            if (!reader.ReadFirstChild())
            {
                yield break;
            }

            do
            {
                // After loading, the reader stands on the element's end; the next sibling follows.
                if (reader.IsStartElement && reader.LoadCurrentElement() is { } element)
                {
                    yield return element;
                }
            }
            while (reader.ReadNextSibling());

            yield break;
        }
    }
}
