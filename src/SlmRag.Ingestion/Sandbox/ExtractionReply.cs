using SlmRag.Core.Extraction;
using SlmRag.Core.Ingestion;

namespace SlmRag.Ingestion.Sandbox;

/// <summary>The child's answer, one JSON line on its standard output: a document or a document-level failure.</summary>
internal sealed record ExtractionReply(ExtractedDocument? Document, IngestionError? Error, string? Message, bool Transient = false);
