using System.Collections.Concurrent;
using SlmRag.Core.Chunking;
using SlmRag.Core.Text;

namespace SlmRag.Answers;

/// <summary>
/// A chunk's sentences with their analyzed terms, computed once per chunk version and shared by the
/// evidence scorer and the extractive answerer: analysis (stemming) is most of an extractive answer's cost.
/// </summary>
internal sealed class ChunkAnalysis
{
    private const int MaxCached = 20_000;
    private static readonly ConcurrentDictionary<string, ChunkAnalysis> Cache = new(StringComparer.Ordinal);

    private ChunkAnalysis(Chunk chunk)
    {
        Sentences = SentenceSpans.Split(chunk.Text)
            .Select(s => new AnalyzedSentence(s.Start, s.End, EnglishAnalyzer.Terms(chunk.Text.AsSpan(s.Start, s.End - s.Start))))
            .ToList();
        Terms = Sentences.SelectMany(s => s.Terms).ToHashSet(StringComparer.Ordinal);
        Context = EnglishAnalyzer.Terms(string.Join(' ', chunk.SectionPath.Prepend(chunk.Title))).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<AnalyzedSentence> Sentences { get; }

    /// <summary>Every term of the chunk.</summary>
    public HashSet<string> Terms { get; }

    /// <summary>Terms of the chunk's title and section path.</summary>
    public HashSet<string> Context { get; }

    public static ChunkAnalysis Of(Chunk chunk)
    {
        var key = chunk.Id + "/" + chunk.ContentHash;
        if (Cache.TryGetValue(key, out var analysis))
        {
            return analysis;
        }

        if (Cache.Count >= MaxCached)
        {
            // Crude but bounded: a full cache starts over rather than growing with every chunk ever answered from.
            Cache.Clear();
        }

        return Cache.GetOrAdd(key, _ => new ChunkAnalysis(chunk));
    }
}
