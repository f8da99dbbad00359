namespace SlmRag.Testing.Gguf;

/// <summary>The ggml tensor types the test models are written in.</summary>
public enum GgufTensorType : uint
{
    F32 = 0,
    F16 = 1,
}
