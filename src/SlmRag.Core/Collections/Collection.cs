namespace SlmRag.Core.Collections;

/// <summary>A named set of documents that is searched and answered over as one unit.</summary>
/// <param name="Name">Stable, URL-safe name (see <see cref="CollectionName"/>).</param>
/// <param name="Description">Free text shown to users.</param>
/// <param name="LocalOnly">Data residency: content of this collection never leaves the machine.</param>
/// <param name="EmbeddingModel">The model whose vectors the collection holds; null until the first vectors are written.</param>
/// <param name="CreatedAt">When the collection was created.</param>
public sealed record Collection(
    string Name,
    string? Description,
    bool LocalOnly,
    EmbeddingModelFingerprint? EmbeddingModel,
    DateTimeOffset CreatedAt);
