namespace SlmRag.LlamaCpp.Training;

/// <summary>Keeps adapters alive for a scope and frees them at its end.</summary>
internal sealed class AdapterList(IReadOnlyList<LlamaLoraAdapter> adapters) : IDisposable
{
    public void Dispose()
    {
        foreach (var adapter in adapters)
        {
            adapter.Dispose();
        }
    }
}
