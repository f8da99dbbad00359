using SlmRag.LlamaCpp.Native;

namespace SlmRag.LlamaCpp.Chat;

/// <summary>Builds llama.cpp's sampler chain in the order llama.cpp's own tools use: grammar, penalties, top-k, top-p, min-p, temperature, then the pick.</summary>
internal static class SamplerChainFactory
{
    public static SafeLlamaSamplerHandle Create(LlamaModel model, SamplingSettings settings)
    {
        var chain = SafeLlamaSamplerHandle.CreateChain();
        try
        {
            if (settings.Grammar is not null)
            {
                NativeLog.ClearLastError();
                var grammar = LlamaNative.llama_sampler_init_grammar(model.Vocabulary, settings.Grammar, JsonGrammar.Root);
                if (grammar == IntPtr.Zero)
                {
                    throw new ArgumentException($"The grammar does not parse: {NativeLog.TakeLastError() ?? "llama.cpp gave no reason"}.");
                }

                chain.Add(grammar, "grammar");
            }

            if (settings.RepeatPenalty != 1f || settings.FrequencyPenalty != 0f || settings.PresencePenalty != 0f)
            {
                chain.Add(LlamaNative.llama_sampler_init_penalties(model.Tokenizer.VocabularySize, settings.RepeatLastN,
                    settings.RepeatPenalty, settings.FrequencyPenalty, settings.PresencePenalty), "penalties");
            }

            if (settings.Temperature <= 0f)
            {
                chain.Add(LlamaNative.llama_sampler_init_greedy(), "greedy");
                return chain;
            }

            if (settings.TopK > 0)
            {
                chain.Add(LlamaNative.llama_sampler_init_top_k(settings.TopK), "top-k");
            }

            chain.Add(LlamaNative.llama_sampler_init_top_p(settings.TopP, 1), "top-p");
            if (settings.MinP > 0f)
            {
                chain.Add(LlamaNative.llama_sampler_init_min_p(settings.MinP, 1), "min-p");
            }

            chain.Add(LlamaNative.llama_sampler_init_temp(settings.Temperature), "temperature");
            chain.Add(LlamaNative.llama_sampler_init_dist(settings.Seed), "dist");
            return chain;
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }
}
