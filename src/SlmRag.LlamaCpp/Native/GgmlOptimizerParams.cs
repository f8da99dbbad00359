using System.Runtime.InteropServices;

namespace SlmRag.LlamaCpp.Native;

/// <summary><c>struct ggml_opt_optimizer_params</c>: AdamW (alpha, beta1, beta2, eps, wd), then SGD (alpha, wd); 28 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GgmlOptimizerParams
{
    public float AdamAlpha;
    public float AdamBeta1;
    public float AdamBeta2;
    public float AdamEpsilon;
    public float AdamWeightDecay;
    public float SgdAlpha;
    public float SgdWeightDecay;
}
