using Microsoft.AspNetCore.Http.Metadata;

namespace SlmRag.Api.Hosting;

/// <summary>An endpoint's request body limit and the setting that controls it (named in the 413 answer).</summary>
public sealed record BodyLimit(long Bytes, string? Setting = null) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => Bytes;
}
