using SlmRag.Core.Retrieval;

namespace SlmRag.Core.Jobs;

/// <summary>
/// Which jobs to list, newest first. The caller's limits are applied by the store before <see cref="Limit"/>, so a page
/// never comes back short because of jobs the caller may not see (which would count them).
/// </summary>
/// <param name="Collection">One collection, or null for all.</param>
/// <param name="Collections">The collections the caller may use; null for all.</param>
/// <param name="Access">Jobs with at least one file this filter allows (as search decides); null for all jobs.</param>
public sealed record JobQuery(string? Collection, int Limit, IReadOnlyCollection<string>? Collections = null, SearchFilter? Access = null);
