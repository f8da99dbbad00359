using SlmRag.Core.Extraction;

namespace SlmRag.Core.Chunking;

/// <summary>Splits an extracted document into spans of its text. Stateless and thread-safe.</summary>
public interface IChunker
{
    /// <summary>Identifies the settings, so a change of settings re-processes documents.</summary>
    string Fingerprint { get; }

    IReadOnlyList<ChunkDraft> Chunk(ExtractedDocument document);
}
