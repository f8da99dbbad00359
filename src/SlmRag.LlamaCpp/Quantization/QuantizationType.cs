namespace SlmRag.LlamaCpp.Quantization;

/// <summary>Target weight formats (llama.cpp's llama_ftype values).</summary>
public enum QuantizationType
{
    F16 = 1,
    Q8_0 = 7,
    Q4_K_M = 15,
    Q5_K_M = 17,
    Q6_K = 18,
}
