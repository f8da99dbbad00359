using Microsoft.Extensions.Options;
using SlmRag.Core.Chunking;
using SlmRag.Core.Extraction;

namespace SlmRag.Ingestion.Chunking;

/// <summary>
/// Splits a document along its structure: a chunk never spans two sections; within a section,
/// sentences are packed up to <see cref="ChunkingOptions.MaxTokens"/>, preferring to break between
/// blocks, and consecutive chunks share up to <see cref="ChunkingOptions.OverlapTokens"/> of
/// trailing sentences. A heading with no text of its own is carried into its first subsection.
/// Every chunk is a contiguous span of the document text. Stateless and thread-safe.
/// </summary>
internal sealed class StructuredChunker(ITokenCounter counter, IOptions<IngestionOptions> options) : IChunker
{
    private ChunkingOptions Settings => options.Value.Chunking;

    public string Fingerprint => $"structured-v1;{counter.Name};max={Settings.MaxTokens};overlap={Settings.OverlapTokens}";

    public IReadOnlyList<ChunkDraft> Chunk(ExtractedDocument document)
    {
        var drafts = new List<ChunkDraft>();
        var sections = Sections(document.Blocks);
        int? carriedHeadingStart = null;
        for (var s = 0; s < sections.Count; s++)
        {
            var section = sections[s];
            var headingOnly = section.All(b => b.Kind == BlockKind.Heading);
            if (headingOnly && s + 1 < sections.Count && IsPrefix(section[0].SectionPath, sections[s + 1][0].SectionPath))
            {
                carriedHeadingStart ??= section[0].Start;
                continue;
            }

            var units = new SentenceSplitter(counter, Settings.MaxTokens).Split(document.Text, section);
            foreach (var (start, end) in Pack(units))
            {
                var from = carriedHeadingStart ?? start;
                carriedHeadingStart = null;
                drafts.Add(Draft(document, section[0].SectionPath, from, end));
            }
        }

        return drafts;
    }

    private IEnumerable<(int Start, int End)> Pack(IReadOnlyList<TextUnit> units)
    {
        var max = Settings.MaxTokens;
        var first = 0;
        var tokens = 0;
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            var blockFitsWhole = unit.BlockStart && tokens + unit.BlockTokens <= max;
            var overflow = tokens + unit.Tokens > max;
            var breakAtBlock = unit.BlockStart && !blockFitsWhole && tokens >= max / 2;
            if (i > first && (overflow || breakAtBlock))
            {
                yield return (units[first].Start, units[i - 1].End);
                // Overlap: carry trailing sentences of the chunk just emitted, within the overlap budget.
                var next = i;
                var carried = 0;
                while (next - 1 > first && carried + units[next - 1].Tokens <= Settings.OverlapTokens && !units[next].BlockStart)
                {
                    next--;
                    carried += units[next].Tokens;
                }

                first = next;
                tokens = carried;
            }

            tokens += unit.Tokens;
        }

        if (first < units.Count)
        {
            yield return (units[first].Start, units[^1].End);
        }
    }

    private ChunkDraft Draft(ExtractedDocument document, IReadOnlyList<string> path, int start, int end)
    {
        var (pageStart, pageEnd) = PageRange(document.Pages, start, end);
        return new ChunkDraft(path, pageStart, pageEnd, start, end, counter.CountTokens(document.Text.AsSpan(start, end - start)));
    }

    internal static (int? First, int? Last) PageRange(IReadOnlyList<PageSpan> pages, int start, int end)
    {
        int? first = null;
        int? last = null;
        foreach (var page in pages)
        {
            if (page.End > page.Start && page.Start < end && page.End > start)
            {
                first ??= page.Number;
                last = page.Number;
            }
        }

        return (first, last);
    }

    private static List<List<TextBlock>> Sections(IReadOnlyList<TextBlock> blocks)
    {
        var sections = new List<List<TextBlock>>();
        foreach (var block in blocks)
        {
            if (sections.Count == 0 || block.Kind == BlockKind.Heading || !sections[^1][0].SectionPath.SequenceEqual(block.SectionPath))
            {
                sections.Add([]);
            }

            sections[^1].Add(block);
        }

        return sections;
    }

    private static bool IsPrefix(IReadOnlyList<string> parent, IReadOnlyList<string> child) =>
        child.Count > parent.Count && parent.SequenceEqual(child.Take(parent.Count));
}
