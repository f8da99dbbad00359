namespace SlmRag.LlamaCpp.Training;

/// <summary>A tensor of a GGUF file: name, ggml type (0 = F32, 1 = F16, ...) and its first two dimensions (ggml order: ne0 is the input size).</summary>
internal sealed record GgufTensorInfo(string Name, int Type, long Ne0, long Ne1)
{
    public bool IsMatrix => Ne1 > 1;
}
