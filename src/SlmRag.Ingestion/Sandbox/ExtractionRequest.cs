using SlmRag.Core.Documents;

namespace SlmRag.Ingestion.Sandbox;

/// <summary>One document for the child to extract: one JSON line on its standard input.</summary>
/// <param name="Options">The service's ingestion settings (limits, PDF tools), so parent and child cannot disagree.</param>
internal sealed record ExtractionRequest(string FilePath, string FileName, string? Password, SourceFormat Format, IngestionOptions Options);
