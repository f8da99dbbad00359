using Microsoft.Extensions.AI;
using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;
using SlmRag.Core.Ingestion;
using SlmRag.Core.Jobs;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;
using SlmRag.Core.Text;
using SlmRag.Ingestion.Detection;
using SlmRag.Ingestion.Telemetry;

namespace SlmRag.Ingestion.Pipeline;

/// <summary>
/// One document from blob to stored chunks: detect, extract, chunk, write. Idempotent: an item
/// that is run again after a crash finds its own write and reports success; identical content is
/// a no-op; changed content replaces the previous version atomically.
/// </summary>
public sealed class DocumentIngestionPipeline
{
    private readonly ICatalogStore _catalog;
    private readonly IBlobStore _blobs;
    private readonly IChunker _chunker;
    private readonly TimeProvider _time;
    private readonly FormatDetector _detector;
    private readonly ExtractorRegistry _extractors;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embedder;
    private readonly EmbeddingModelFingerprint? _model;

    internal DocumentIngestionPipeline(ICatalogStore catalog, IBlobStore blobs, IChunker chunker, TimeProvider time, FormatDetector detector, ExtractorRegistry extractors, IEmbeddingGenerator<string, Embedding<float>>? embedder)
    {
        _embedder = embedder;
        _model = embedder is null ? null : embedder.GetService<EmbeddingModelFingerprint>()
            ?? throw new InvalidOperationException("The embedding generator does not state its model fingerprint.");
        _catalog = catalog;
        _blobs = blobs;
        _chunker = chunker;
        _time = time;
        _detector = detector;
        _extractors = extractors;
    }

    /// <summary>Runs the item. Document-level failures come back as <see cref="IngestionException"/>s.</summary>
    public async Task<JobItemResult> RunAsync(ClaimedJobItem claimed, Func<int, int, Task> reportProgress, CancellationToken cancellationToken)
    {
        var item = claimed.Item;
        var collection = await _catalog.GetCollectionAsync(claimed.Collection, cancellationToken)
            ?? throw new IngestionException(IngestionError.CollectionMissing, $"The collection '{claimed.Collection}' was deleted before this file was processed.");
        if (_model is not null && collection.EmbeddingModel is { } stored && stored != _model)
        {
            throw new IngestionException(IngestionError.EmbeddingModelMismatch, new EmbeddingModelMismatchException(collection.Name, stored, _model).Message);
        }
        var path = (item.BlobId is null ? null : _blobs.TryGetPath(item.BlobId))
            ?? throw new IngestionException(IngestionError.Internal, "The uploaded file is no longer in the data directory.");

        // The id recorded when the item was queued (older items: derived the same way); a document of that id has this
        // item's access list, so writing it never touches a document the uploader could not read.
        var documentId = item.DocumentId ?? DocumentIds.ForScope(claimed.Collection, item.DocumentKey, item.Metadata.AccessGroups);
        var sameKey = await _catalog.GetDocumentsByKeyAsync(claimed.Collection, item.DocumentKey, cancellationToken);
        var existing = sameKey.FirstOrDefault(d => d.Id == documentId);
        // The same key under another access list: replaced when the uploader can read it, otherwise left alone and unseen.
        var superseded = sameKey.Where(d => d.Id != documentId && claimed.Uploader.MayRead(d.Metadata.AccessGroups)).ToList();
        var previous = existing ?? superseded.MaxBy(d => d.Version);
        var format = _detector.Detect(path, item.FileName);
        var extractor = _extractors.For(format);
        var fingerprint = $"{extractor.Version};{_chunker.Fingerprint};{EnglishAnalyzer.Name};{_model?.Name}/{_model?.Hash}" + (_model is null ? string.Empty : ";" + ChunkEmbeddingText.Version);

        if (existing is not null && existing.ContentHash == item.ContentHash && existing.PipelineFingerprint == fingerprint)
        {
            return await SameContentAsync(existing, item, superseded, cancellationToken);
        }

        ExtractedDocument extracted;
        using (IngestionTelemetry.Stage("extract"))
        {
            extracted = await extractor.ExtractAsync(new ExtractionInput(path, item.FileName, claimed.Password), cancellationToken);
        }

        await reportProgress(extracted.PageCount, 0);
        var title = item.Metadata.Title ?? extracted.Title;
        List<Chunk> chunks;
        using (IngestionTelemetry.Stage("chunk"))
        {
            chunks = _chunker.Chunk(extracted).Select((draft, ordinal) =>
            {
                var text = extracted.Text.Substring(draft.CharStart, draft.CharEnd - draft.CharStart);
                var hash = DocumentIds.HashText(text);
                return new Chunk(DocumentIds.ForChunk(documentId, ordinal, hash), documentId, claimed.Collection, ordinal, title,
                    draft.SectionPath, draft.PageStart, draft.PageEnd, draft.CharStart, draft.CharEnd, draft.TokenCount, hash, text);
            }).ToList();
        }

        if (chunks.Count == 0)
        {
            throw new IngestionException(IngestionError.NoExtractableText, "The document contains no text.");
        }

        ChunkEmbeddings? embeddings;
        using (IngestionTelemetry.Stage("embed"))
        {
            embeddings = await EmbedAsync(chunks, embedded => reportProgress(extracted.PageCount, embedded), cancellationToken);
        }

        await reportProgress(extracted.PageCount, chunks.Count);
        var now = _time.GetUtcNow();
        var record = new DocumentRecord(documentId, claimed.Collection, item.DocumentKey, (previous?.Version ?? 0) + 1, item.ContentHash!, fingerprint,
            title, format, item.FileName, item.SizeBytes, extracted.PageCount, extracted.Text.Length, chunks.Count, item.Metadata,
            item.Reference, previous?.CreatedAt ?? now, now);
        using (IngestionTelemetry.Stage("store"))
        {
            await _catalog.ReplaceDocumentAsync(record, new DocumentContent(extracted.Text, extracted.Pages), chunks, embeddings,
                superseded.Select(d => d.Id).ToList(), cancellationToken);
        }

        return new JobItemResult(JobItemState.Succeeded, documentId, extracted.PageCount, chunks.Count);
    }

    /// <summary>Embeds each chunk with its title and section path (<see cref="ChunkEmbeddingText"/>), so a chunk knows what it is about.</summary>
    /// <remarks>A model embeds a long document for minutes: the item's chunk counter shows the chunks embedded so far, and cancellation is checked between batches.</remarks>
    private async Task<ChunkEmbeddings?> EmbedAsync(IReadOnlyList<Chunk> chunks, Func<int, Task> reportEmbedded, CancellationToken cancellationToken)
    {
        if (_embedder is null)
        {
            return null;
        }

        var vectors = new List<ReadOnlyMemory<float>>(chunks.Count);
        foreach (var batch in chunks.Chunk(64))
        {
            var generated = await _embedder.GenerateAsync(batch.Select(EmbeddingText), cancellationToken: cancellationToken);
            vectors.AddRange(generated.Select(e => (ReadOnlyMemory<float>)VectorMath.Normalize(e.Vector)));
            if (vectors.Count < chunks.Count)
            {
                await reportEmbedded(vectors.Count);
            }
        }

        return new ChunkEmbeddings(_model!, vectors);
    }

    /// <summary>What a chunk is embedded as (<see cref="ChunkEmbeddingText"/>).</summary>
    public static string EmbeddingText(Chunk chunk) => ChunkEmbeddingText.Compose(chunk);

    private async Task<JobItemResult> SameContentAsync(DocumentRecord existing, JobItem item, IReadOnlyList<DocumentRecord> superseded, CancellationToken cancellationToken)
    {
        // Unchanged here, but the key's other readable versions go as a changed upload's would: one document per key for this uploader.
        foreach (var other in superseded)
        {
            await _catalog.DeleteDocumentAsync(other.Collection, other.Id, cancellationToken);
        }

        // This very item wrote the document before its worker stopped: finish it as the success it was.
        if (existing.IngestedBy == item.Reference)
        {
            return new JobItemResult(JobItemState.Succeeded, existing.Id, existing.PageCount, existing.ChunkCount);
        }

        if (!existing.Metadata.SameAs(item.Metadata))
        {
            await _catalog.UpdateMetadataAsync(existing.Collection, existing.Id, item.Metadata, item.Reference, cancellationToken);
            return new JobItemResult(JobItemState.Unchanged, existing.Id, existing.PageCount, existing.ChunkCount, null,
                $"Content identical to version {existing.Version}; metadata updated.");
        }

        return new JobItemResult(JobItemState.Unchanged, existing.Id, existing.PageCount, existing.ChunkCount, null,
            $"Content identical to version {existing.Version}; nothing to do.");
    }
}
