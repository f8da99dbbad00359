using System.Runtime.CompilerServices;
using SlmRag.LlamaCpp.Native;
using SlmRag.Testing;

namespace SlmRag.LlamaCpp.Tests.Native;

/// <summary>The training structs and the ggml_tensor offsets SlmRag reads, against the real library.</summary>
public sealed unsafe class TrainingStructLayoutTests
{
    public TrainingStructLayoutTests() => LlamaRuntime.Initialize(RepositoryPaths.RequireLlamaLibraries());

    [Fact]
    public void Optimizer_params_match_ggml_defaults()
    {
        Assert.Equal(28, Unsafe.SizeOf<GgmlOptimizerParams>());
        Assert.Equal(48, Unsafe.SizeOf<LlamaOptParams>());
        Assert.Equal(16, Unsafe.SizeOf<GgufInitParams>());
        Assert.Equal(24, Unsafe.SizeOf<GgmlInitParams>());
        var p = LlamaTrainingNative.ggml_opt_get_default_optimizer_params(IntPtr.Zero);
        Assert.Equal([0.001f, 0.9f, 0.999f, 1e-8f, 0f, 1e-3f, 0f], new[] { p.AdamAlpha, p.AdamBeta1, p.AdamBeta2, p.AdamEpsilon, p.AdamWeightDecay, p.SgdAlpha, p.SgdWeightDecay });
    }

    [Fact]
    public void Tensor_offsets_match_tensors_ggml_builds()
    {
        var context = LlamaTrainingNative.ggml_init(new GgmlInitParams { MemorySize = 1 << 20 });
        Assert.NotEqual(IntPtr.Zero, context);
        try
        {
            var a = LlamaTrainingNative.ggml_new_tensor_2d(context, 0, 7, 3);
            var b = LlamaTrainingNative.ggml_new_tensor_2d(context, 0, 7, 3);
            var sum = LlamaTrainingNative.ggml_add(context, a, b);
            Assert.Equal([7L, 3L], new[] { GgmlTensorLayout.Ne(sum, 0), GgmlTensorLayout.Ne(sum, 1) });
            Assert.Equal(21L, LlamaTrainingNative.ggml_nelements(sum));
            Assert.Equal(a, GgmlTensorLayout.Source(sum, 0));
            Assert.Equal(b, GgmlTensorLayout.Source(sum, 1));
            Assert.Equal((IntPtr)LlamaTrainingNative.ggml_get_name(sum), sum + GgmlTensorLayout.NameOffset);
            Assert.Equal(LlamaTrainingNative.ggml_get_data(a), *(IntPtr*)(a + GgmlTensorLayout.DataOffset));
            Assert.Equal((nuint)84, LlamaTrainingNative.ggml_nbytes(a));
        }
        finally
        {
            LlamaTrainingNative.ggml_free(context);
        }
    }
}
