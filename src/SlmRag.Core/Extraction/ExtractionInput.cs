namespace SlmRag.Core.Extraction;

/// <summary>A file to extract. The file is owned by the caller and must stay until extraction ends.</summary>
/// <param name="FilePath">Where the bytes are (the blob store, never a user-supplied path).</param>
/// <param name="FileName">The name the uploader gave, for titles and messages only.</param>
/// <param name="Password">Password for encrypted PDFs, if the uploader supplied one.</param>
public sealed record ExtractionInput(string FilePath, string FileName, string? Password = null);
