using SlmRag.Core.Chunking;
using SlmRag.Core.Text;

namespace SlmRag.Ingestion.Pipeline;

/// <summary>
/// The text a chunk is embedded as: its title and section path, then its own text, so a chunk cut from the
/// middle of a document still says what it is about. Context the chunk text already opens with (a section's
/// first chunk starts with its heading; many documents repeat their title as the first line) is not repeated:
/// a repeat spends the embedding model's few hundred input tokens twice and weighs the heading double in the
/// pooled vector.
/// </summary>
public static class ChunkEmbeddingText
{
    /// <summary>Part of the pipeline fingerprint: a change re-embeds unchanged documents at their next ingestion.</summary>
    public const string Version = "embed-text-2";

    /// <remarks>A title without letters (a numeric file name) says nothing about the content and is left out.</remarks>
    public static string Compose(Chunk chunk)
    {
        var context = new List<string>(chunk.SectionPath.Count + 1);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // The headings a chunk opens with come in the path's order (a heading without text of its own is carried into its first subsection).
        var opening = 0;
        foreach (var part in chunk.SectionPath.Prepend(chunk.Title.Any(char.IsLetter) ? chunk.Title : string.Empty))
        {
            var trimmed = part.Trim();
            // The title is often the first heading too: each piece of context once, whether the text already holds it or not.
            if (!trimmed.Any(char.IsLetterOrDigit) || !seen.Add(trimmed))
            {
                continue;
            }

            var end = TextOpening.MatchEnd(chunk.Text, opening, trimmed);
            if (end >= 0)
            {
                opening = end;
            }
            else
            {
                context.Add(trimmed);
            }
        }

        return context.Count == 0 ? chunk.Text : string.Join(". ", context) + ". " + chunk.Text;
    }
}
