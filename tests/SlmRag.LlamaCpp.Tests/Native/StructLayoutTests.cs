using System.Runtime.CompilerServices;
using SlmRag.LlamaCpp.Native;
using SlmRag.Testing;

namespace SlmRag.LlamaCpp.Tests.Native;

/// <summary>
/// The C# structs against the library's own default-params functions: a shifted field would read another
/// field's default. Expected values are those of llama.cpp's source shipped with node-llama-cpp 3.22.1.
/// </summary>
public sealed class StructLayoutTests
{
    public StructLayoutTests() => LlamaRuntime.Initialize(RepositoryPaths.RequireLlamaLibraries());

    [Fact]
    public void Model_params_match_the_header()
    {
        Assert.Equal(80, Unsafe.SizeOf<LlamaModelParams>());
        var p = LlamaNative.llama_model_default_params();
        Assert.Equal(IntPtr.Zero, p.Devices);
        Assert.Equal(-1, p.GpuLayerCount);
        Assert.Equal(1, p.SplitMode);
        Assert.Equal(-1, p.LoadMode);
        Assert.Equal(1, p.LazyMode);
        Assert.Equal(0, p.MainGpu);
        Assert.Equal(IntPtr.Zero, p.KvOverrides);
        Assert.Equal([0, 0, 1, 0, 0, 0], new[] { p.VocabOnly, p.CheckTensors, p.UseExtraBufferTypes, p.NoHost, p.NoAlloc, p.LoadMtp });
    }

    [Fact]
    public void Context_params_match_the_header()
    {
        Assert.Equal(160, Unsafe.SizeOf<LlamaContextParams>());
        var p = LlamaNative.llama_context_default_params();
        Assert.Equal([512u, 2048u, 512u, 1u, 0u, 0u, 1u], new[] { p.ContextSize, p.BatchSize, p.MicroBatchSize, p.MaxSequences, p.RecurrentStateSnapshots, p.MaxOutputs, p.MaxOutputsPerSequence });
        Assert.Equal([4, 4, 0, -1, -1, -1, -1], new[] { p.Threads, p.BatchThreads, p.ContextType, p.RopeScalingType, (int)p.PoolingType, p.AttentionType, p.FlashAttentionType });
        Assert.Equal([0f, 0f, -1f, -1f, -1f, -1f, -1f], new[] { p.RopeFrequencyBase, p.RopeFrequencyScale, p.YarnExtrapolationFactor, p.YarnAttentionFactor, p.YarnBetaFast, p.YarnBetaSlow, p.DefragThreshold });
        Assert.Equal(0u, p.YarnOriginalContext);
        Assert.Equal([1, 1], new[] { p.KeyCacheType, p.ValueCacheType });
        Assert.Equal([0, 1, 1, 1, 1, 0], new[] { p.Embeddings, p.OffloadKqv, p.NoPerf, p.OpOffload, p.SwaFull, p.KvUnified });
        Assert.Equal(IntPtr.Zero, p.Samplers);
        Assert.Equal(0u, (uint)p.SamplerCount);
        Assert.Equal(IntPtr.Zero, p.OtherContext);
    }

    [Fact]
    public void Quantize_params_match_the_header()
    {
        Assert.Equal(64, Unsafe.SizeOf<LlamaModelQuantizeParams>());
        var p = LlamaNative.llama_model_quantize_default_params();
        Assert.Equal(0, p.ThreadCount);
        Assert.Equal(7, p.FileType);
        Assert.Equal([43, 43], new[] { p.OutputTensorType, p.TokenEmbeddingType });
        Assert.Equal([0, 1, 0, 0, 0, 0], new[] { p.AllowRequantize, p.QuantizeOutputTensor, p.OnlyCopy, p.Pure, p.KeepSplit, p.DryRun });
        Assert.Equal(IntPtr.Zero, p.ImportanceMatrix);
        Assert.True(p.MaxBufferSize > 0);
    }

    [Fact]
    public void Runtime_reports_the_cpu_variant_it_loaded()
    {
        var info = LlamaRuntime.Current!;
        Assert.NotEqual("unknown", info.CpuVariant);
        Assert.True(File.Exists(Path.Combine(info.Directory, $"libggml-cpu-{info.CpuVariant}.so")), info.CpuVariant);
        Assert.Contains("CPU", info.SystemInfo, StringComparison.Ordinal);
    }
}
