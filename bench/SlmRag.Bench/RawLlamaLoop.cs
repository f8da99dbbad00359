using System.Diagnostics;
using SlmRag.LlamaCpp;
using SlmRag.LlamaCpp.Native;

namespace SlmRag.Bench;

/// <summary>
/// The same greedy generation written as bare C API calls (one llama_decode and one llama_sampler_sample per
/// token, no validation, no text decoding): the in-process floor the binding's decode loop is compared with.
/// </summary>
internal static class RawLlamaLoop
{
    public static TimeSpan Generate(LlamaModel model, int[] prompt, int tokens, int threads, int contextSize, FlashAttentionMode flashAttention)
    {
        var parameters = LlamaNative.llama_context_default_params();
        parameters.ContextSize = (uint)contextSize;
        parameters.BatchSize = 512;
        parameters.MicroBatchSize = 512;
        parameters.MaxSequences = 1;
        parameters.Threads = threads;
        parameters.BatchThreads = threads;
        parameters.FlashAttentionType = (int)flashAttention;
        using var context = LlamaContext.Create(model, parameters);
        using var sampler = SafeLlamaSamplerHandle.CreateChain();
        sampler.Add(LlamaNative.llama_sampler_init_greedy(), "greedy");
        using var batch = new TokenBatch(512);
        for (var i = 0; i < prompt.Length; i++)
        {
            batch.Add(prompt[i], i, 0, i == prompt.Length - 1);
        }

        LlamaNative.llama_decode(context.Handle, batch.ToNative());
        var clock = Stopwatch.StartNew();
        var token = LlamaNative.llama_sampler_sample(sampler, context.Handle, -1);
        for (var n = 1; n < tokens; n++)
        {
            batch.Clear();
            batch.Add(token, prompt.Length + n - 1, 0, true);
            LlamaNative.llama_decode(context.Handle, batch.ToNative());
            token = LlamaNative.llama_sampler_sample(sampler, context.Handle, -1);
        }

        return clock.Elapsed;
    }
}
