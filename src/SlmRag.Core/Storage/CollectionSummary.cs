using SlmRag.Core.Collections;

namespace SlmRag.Core.Storage;

public sealed record CollectionSummary(Collection Collection, int Documents, int Chunks);
