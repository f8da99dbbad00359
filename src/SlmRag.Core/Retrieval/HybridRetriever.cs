using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SlmRag.Core.Collections;
using SlmRag.Core.Storage;

namespace SlmRag.Core.Retrieval;

/// <summary>
/// Runs the lexical and dense retrievers of one collection and fuses their lists. Refuses dense search
/// with a model other than the one that embedded the collection. Thread-safe.
/// </summary>
public sealed class HybridRetriever(
    ISearchIndex index,
    ICatalogStore catalog,
    IOptions<RetrievalOptions> options,
    IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
{
    /// <exception cref="CollectionNotFoundException">No such collection.</exception>
    /// <exception cref="EmbeddingModelMismatchException">The collection was embedded by another model.</exception>
    public async Task<IReadOnlyList<RetrievedChunk>> RetrieveAsync(string collection, string query, SearchFilter filter, int limit, RetrievalMode mode, CancellationToken cancellationToken) =>
        await RetrieveAsync(await catalog.GetCollectionAsync(collection, cancellationToken) ?? throw new CollectionNotFoundException(collection),
            query, filter, limit, mode, cancellationToken);

    /// <summary>Retrieval in a collection the caller has already looked up (answers look it up once for several retrievals and its policy).</summary>
    /// <exception cref="EmbeddingModelMismatchException">The collection was embedded by another model.</exception>
    public async Task<IReadOnlyList<RetrievedChunk>> RetrieveAsync(Collection found, string query, SearchFilter filter, int limit, RetrievalMode mode, CancellationToken cancellationToken) =>
        (await RetrieveWithVectorAsync(found, query, filter, limit, mode, cancellationToken)).Hits;

    /// <summary>As <see cref="RetrieveAsync(Collection, string, SearchFilter, int, RetrievalMode, CancellationToken)"/>, also handing back the query vector it embedded.</summary>
    /// <exception cref="EmbeddingModelMismatchException">The collection was embedded by another model.</exception>
    public async Task<RetrievalResult> RetrieveWithVectorAsync(Collection found, string query, SearchFilter filter, int limit, RetrievalMode mode, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var collection = found.Name;
        var candidates = Math.Max(limit, settings.CandidateCount);
        IReadOnlyList<ScoredChunk> lexical = [];
        IReadOnlyList<ScoredChunk> dense = [];
        ReadOnlyMemory<float>? queryVector = null;
        if (mode == RetrievalMode.Hybrid && settings.Fusion == FusionMethod.ReciprocalRank && index is IHybridSearchIndex server && found.EmbeddingModel is { } fusedModel)
        {
            // The store fuses both lists itself in one request; per-retriever evidence is then not known.
            var vector = await EmbedQueryAsync(collection, fusedModel, query, cancellationToken);
            var fused = await server.SearchHybridAsync(collection, query, vector, filter, limit, candidates, cancellationToken);
            return new RetrievalResult(fused.Select(h => new RetrievedChunk(h.ChunkId, h.DocumentId, h.Score, null, null)).ToList(), vector);
        }

        if (mode == RetrievalMode.Hybrid && found.EmbeddingModel is { } hybridModel)
        {
            // Embedding the query takes most of a hybrid query's time; BM25 runs beside it rather than after it.
            // The lexical half of the fusion is done there too, so only the dense half is left after the vector search.
            var lexicalSearch = Task.Run(async () =>
            {
                var hits = await index.SearchLexicalAsync(collection, query, filter, candidates, cancellationToken);
                return new PendingFusion(hits, candidates);
            }, cancellationToken);
            ReadOnlyMemory<float> vector;
            try
            {
                vector = await EmbedQueryAsync(collection, hybridModel, query, cancellationToken);
            }
            catch
            {
                // The embedding's failure (a model mismatch, cancellation) is the one reported; BM25 is not left running unobserved.
                await ((Task)lexicalSearch).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw;
            }

            var fusion = await lexicalSearch;
            dense = await index.SearchVectorAsync(collection, vector, filter, candidates, cancellationToken);
            return new RetrievalResult(fusion.Fuse(dense, settings, limit), vector);
        }

        if (mode != RetrievalMode.Dense)
        {
            lexical = await index.SearchLexicalAsync(collection, query, filter, candidates, cancellationToken);
        }

        if (mode != RetrievalMode.Lexical && found.EmbeddingModel is { } model)
        {
            queryVector = await EmbedQueryAsync(collection, model, query, cancellationToken);
            dense = await index.SearchVectorAsync(collection, queryVector.Value, filter, candidates, cancellationToken);
        }
        else if (mode == RetrievalMode.Dense)
        {
            return new RetrievalResult([], null);
        }

        IReadOnlyList<RetrievedChunk> hits = mode switch
        {
            RetrievalMode.Lexical => lexical.Take(limit).Select(h => new RetrievedChunk(h.ChunkId, h.DocumentId, h.Score, new RetrieverEvidence(h.Rank, h.Score), null)).ToList(),
            RetrievalMode.Dense => dense.Take(limit).Select(h => new RetrievedChunk(h.ChunkId, h.DocumentId, h.Score, null, new RetrieverEvidence(h.Rank, h.Score))).ToList(),
            _ => ResultFusion.Fuse(lexical, dense, settings, limit),
        };
        return new RetrievalResult(hits, queryVector);
    }

    private async Task<ReadOnlyMemory<float>> EmbedQueryAsync(string collection, EmbeddingModelFingerprint stored, string query, CancellationToken cancellationToken)
    {
        var generator = embedder ?? throw new InvalidOperationException(
            $"Collection '{collection}' holds vectors of '{stored.Name}', but no embedding model is configured (Embeddings:Provider).");
        var offered = generator.GetService<EmbeddingModelFingerprint>()
            ?? throw new InvalidOperationException("The configured embedding generator does not state its model fingerprint.");
        if (offered != stored)
        {
            throw new EmbeddingModelMismatchException(collection, stored, offered);
        }

        var embedding = await generator.GenerateAsync([query], cancellationToken: cancellationToken);
        return VectorMath.Normalize(embedding[0].Vector);
    }
}
