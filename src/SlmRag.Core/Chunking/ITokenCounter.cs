namespace SlmRag.Core.Chunking;

/// <summary>
/// Counts tokens for chunk and prompt budgets. The default is an estimate; a local model
/// supplies its own tokenizer through this seam for exact counts. Thread-safe.
/// </summary>
public interface ITokenCounter
{
    /// <summary>Names the tokenizer, part of the chunker fingerprint.</summary>
    string Name { get; }

    int CountTokens(ReadOnlySpan<char> text);
}
