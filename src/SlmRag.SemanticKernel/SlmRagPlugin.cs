using System.ComponentModel;
using Microsoft.SemanticKernel;
using SlmRag.Answers;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;

namespace SlmRag.SemanticKernel;

/// <summary>
/// SlmRag as a Semantic Kernel plugin, in process: list collections, search one, ask one with citations. Every
/// call runs as one caller with one access filter (its groups), fixed when the plugin is made, so an agent sees
/// exactly what that caller may see. Thread-safe.
/// </summary>
public sealed class SlmRagPlugin(AnswerService answers, HybridRetriever retriever, ICatalogStore catalog, string caller, SearchFilter filter)
{
    public sealed record Passage(string DocumentId, string Title, double Score, string Text);

    [KernelFunction("list_collections"), Description("Lists the document collections that can be searched and asked.")]
    public async Task<IReadOnlyList<string>> ListCollectionsAsync(CancellationToken cancellationToken = default) =>
        (await catalog.ListCollectionsAsync(cancellationToken).ConfigureAwait(false)).Select(c => c.Collection.Name).ToList();

    [KernelFunction("search"), Description("Searches a collection and returns its best passages.")]
    public async Task<IReadOnlyList<Passage>> SearchAsync(
        [Description("The collection")] string collection, [Description("What to look for")] string query, int limit = 5, CancellationToken cancellationToken = default)
    {
        var hits = await retriever.RetrieveAsync(collection, query, filter, Math.Clamp(limit, 1, 50), RetrievalMode.Hybrid, cancellationToken).ConfigureAwait(false);
        var chunks = (await catalog.GetChunksByIdAsync(collection, hits.Select(h => h.ChunkId).ToList(), cancellationToken).ConfigureAwait(false))
            .ToDictionary(c => c.Id, StringComparer.Ordinal);
        return hits.Where(h => chunks.ContainsKey(h.ChunkId)).Select(h => new Passage(h.DocumentId, chunks[h.ChunkId].Title, h.Score, chunks[h.ChunkId].Text)).ToList();
    }

    [KernelFunction("ask"), Description("Answers a question from a collection's documents with numbered citations, or says the documents do not hold the answer.")]
    public async Task<AnswerResult> AskAsync([Description("The collection")] string collection, [Description("The question")] string question, CancellationToken cancellationToken = default) =>
        await answers.AskAsync(new AnswerRequest(collection, question, filter, caller), cancellationToken).ConfigureAwait(false);
}
