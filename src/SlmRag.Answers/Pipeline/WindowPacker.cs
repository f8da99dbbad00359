using SlmRag.Core.Chunking;
using SlmRag.Core.Documents;
using SlmRag.Core.Prompts;

namespace SlmRag.Answers.Pipeline;

/// <summary>
/// Packs the local model's sources so that the rendered prompt (chat template, system prompt, sources with their
/// markup, question), counted by the model's own tokenizer, plus <see cref="AnswerOptions.MaxOutputTokens"/> fits the
/// model's window: generation then always has its whole output budget.
/// </summary>
internal static class WindowPacker
{
    public static List<AnswerSource> Pack(IReadOnlyList<(Chunk Chunk, DocumentRecord Document, double Score)> ranked, ITokenCounter counter,
        IPromptTokenCounter model, string question, AnswerOptions settings)
    {
        var room = model.ContextWindow - settings.MaxOutputTokens;
        var withoutSources = model.CountPromptTokens(GroundedPrompt.Build(question, []));
        var configured = settings.ContextTokens - counter.CountTokens(GroundedPrompt.System) - counter.CountTokens(question);
        var budget = Math.Max(Math.Min(configured, room - withoutSources), 0);
        var sources = ContextPacker.Pack(ranked, counter, budget, settings.MaxSources);
        // The chunk counts leave out each source's tags, title and section and how the template joins them:
        // measure the whole rendered prompt and give up the lowest-ranked text until it fits.
        while (sources.Count > 0 && model.CountPromptTokens(GroundedPrompt.Build(question, sources)) > room)
        {
            sources = WithoutLastChunk(sources, counter);
        }

        return sources;
    }

    /// <summary>The last source loses its last chunk (merged neighbours) or, when it has one, goes.</summary>
    private static List<AnswerSource> WithoutLastChunk(List<AnswerSource> sources, ITokenCounter counter)
    {
        var last = sources[^1];
        sources.RemoveAt(sources.Count - 1);
        if (last.Chunks.Count > 1)
        {
            var dropped = last.Chunks[^1];
            sources.Add(last with { Chunks = last.Chunks.Take(last.Chunks.Count - 1).ToList(), Tokens = last.Tokens - counter.CountTokens(dropped.Text) });
        }

        return sources;
    }
}
