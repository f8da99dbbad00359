namespace SlmRag.Core.Ingestion;

/// <summary>A document-level failure: recorded on its job item, never thrown out of the worker.</summary>
public sealed class IngestionException(IngestionError error, string message, bool isTransient = false, Exception? inner = null)
    : Exception(message, inner)
{
    public IngestionError Error { get; } = error;

    /// <summary>True when the same input may succeed later (I/O, locks, a busy machine).</summary>
    public bool IsTransient { get; } = isTransient;
}
