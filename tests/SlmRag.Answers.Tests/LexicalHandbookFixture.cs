namespace SlmRag.Answers.Tests;

/// <summary>The handbook without an embedding model (<c>Embeddings:Provider=None</c>): every answer signal is lexical.</summary>
public sealed class LexicalHandbookFixture() : HandbookFixture(new Dictionary<string, string?> { ["Embeddings:Provider"] = "None" });
