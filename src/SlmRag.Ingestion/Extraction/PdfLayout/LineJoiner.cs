using System.Text;

namespace SlmRag.Ingestion.Extraction.PdfLayout;

/// <summary>Joins wrapped lines of one paragraph or cell, mending words hyphenated across a line end.</summary>
internal static class LineJoiner
{
    public static string Join(IEnumerable<string> lines)
    {
        var joined = new StringBuilder();
        foreach (var line in lines)
        {
            if (joined.Length > 1 && joined[^1] == '-' && char.IsLetter(joined[^2]) && line.Length > 0 && char.IsLower(line[0]))
            {
                joined.Length--;
            }
            else if (joined.Length > 0)
            {
                joined.Append(' ');
            }

            joined.Append(line);
        }

        return joined.ToString();
    }
}
