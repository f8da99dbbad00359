namespace SlmRag.Ingestion;

/// <summary>
/// <c>Ingestion:Sandbox</c>: every document is extracted in a child process (<c>slmrag-extract</c>, shipped
/// beside the service) with a deadline, a memory limit and a cap on its output, so a parser that overflows
/// its stack, hangs or eats memory fails that document, never the worker or the API.
/// </summary>
public sealed class SandboxOptions
{
    /// <summary>Off only for measurements and debugging: a hostile file can then take the process down.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Wall-clock limit for one document, from the request to the child's reply.</summary>
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>The child's managed heap limit (DOTNET_GCHeapHardLimit); its resident memory is also watched against this plus 256 MB.</summary>
    public int MemoryLimitMegabytes { get; set; } = 1024;

    /// <summary>A warm child serves this many documents, then is replaced (bounds leaks in parsers).</summary>
    public int MaxDocumentsPerProcess { get; set; } = 100;

    /// <summary>The extractor executable; empty: <c>slmrag-extract</c> beside the running program.</summary>
    public string ExecutablePath { get; set; } = string.Empty;
}
