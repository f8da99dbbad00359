using SlmRag.Core.Chunking;
using SlmRag.Core.Documents;

namespace SlmRag.Answers;

/// <summary>A numbered source given to the answerer: one chunk, or neighbouring chunks of one section merged.</summary>
public sealed record AnswerSource(int Number, DocumentRecord Document, IReadOnlyList<Chunk> Chunks, double Score, int Tokens)
{
    public Chunk First => Chunks[0];

    /// <summary>The source's text; neighbouring chunks share their overlap, which appears once.</summary>
    public string Text
    {
        get
        {
            if (Chunks.Count == 1)
            {
                return Chunks[0].Text;
            }

            var text = new System.Text.StringBuilder(Chunks[0].Text);
            var covered = Chunks[0].CharEnd;
            foreach (var chunk in Chunks.Skip(1))
            {
                if (chunk.CharStart > covered)
                {
                    text.Append('\n').Append(chunk.Text);
                }
                else if (chunk.CharEnd > covered)
                {
                    text.Append(chunk.Text.AsSpan(covered - chunk.CharStart));
                }

                covered = Math.Max(covered, chunk.CharEnd);
            }

            return text.ToString();
        }
    }

    public int CharStart => Chunks.Min(c => c.CharStart);

    public int CharEnd => Chunks.Max(c => c.CharEnd);

    public int? PageStart => Chunks.Select(c => c.PageStart).Where(p => p is not null).Min();

    public int? PageEnd => Chunks.Select(c => c.PageEnd).Where(p => p is not null).Max();

    /// <summary>A citation of this source, quoting [start, end) of the document (the start of the source when null).</summary>
    public Citation Cite(int? start = null, int? end = null, int snippetCharacters = 280)
    {
        var from = start ?? First.CharStart;
        var to = end ?? First.CharEnd;
        var text = TextOf(from, to);
        if (start is null && text.Length > snippetCharacters)
        {
            var cut = text.LastIndexOf(' ', snippetCharacters);
            to = from + (cut > snippetCharacters / 2 ? cut : snippetCharacters);
            text = TextOf(from, to);
        }

        // The pages and id of the chunk holding the quoted passage, not of the whole merged source.
        var chunk = Chunks.First(c => c.CharStart <= from && to <= c.CharEnd);
        return new Citation(Number, Document.Id, chunk.Id, Document.Title, chunk.SectionPath, chunk.PageStart, chunk.PageEnd, text, from, to, Document.Metadata.SourceUrl);
    }

    /// <summary>Document text in [start, end), which lies inside one of this source's chunks.</summary>
    public string TextOf(int start, int end)
    {
        var chunk = Chunks.First(c => c.CharStart <= start && end <= c.CharEnd);
        return chunk.Text.Substring(start - chunk.CharStart, end - start);
    }
}
