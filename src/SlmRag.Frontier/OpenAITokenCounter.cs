using Microsoft.ML.Tokenizers;
using SlmRag.Core.Chunking;

namespace SlmRag.Frontier;

/// <summary>
/// Exact token counts for OpenAI models (o200k_base for GPT-4o, GPT-4.1, GPT-5 and the o-series; cl100k_base for
/// GPT-4 and GPT-3.5) with Microsoft.ML.Tokenizers, so escalations are packed and budgeted in the frontier's own
/// tokens. Thread-safe.
/// </summary>
public sealed class OpenAITokenCounter : ITokenCounter
{
    private readonly Tokenizer _tokenizer;

    private OpenAITokenCounter(Tokenizer tokenizer, string name)
    {
        _tokenizer = tokenizer;
        Name = name;
    }

    public string Name { get; }

    /// <summary>The counter for an OpenAI model name, or null for a model whose tokenizer is not OpenAI's (vLLM, Ollama, ...).</summary>
    public static OpenAITokenCounter? ForModel(string model)
    {
        // Only OpenAI's own model names: a local server's "gpt-oss" or "frontier" model has its own tokenizer.
        string[] families = ["gpt-4", "gpt-3.5", "gpt-5", "o1", "o3", "o4", "chatgpt-"];
        if (!families.Any(f => model.StartsWith(f, StringComparison.OrdinalIgnoreCase)) || model.StartsWith("gpt-oss", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return new OpenAITokenCounter(TiktokenTokenizer.CreateForModel(model), $"tiktoken:{model}");
        }
        catch (NotSupportedException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public int CountTokens(ReadOnlySpan<char> text) => _tokenizer.CountTokens(text);
}
