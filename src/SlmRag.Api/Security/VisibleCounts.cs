using SlmRag.Core.Storage;

namespace SlmRag.Api.Security;

/// <summary>A collection's document and chunk counts as one caller may see them: documents hidden from it are not counted.</summary>
public static class VisibleCounts
{
    /// <remarks>
    /// A query replica cannot list documents: there only administrators see counts (others get zeros rather than totals
    /// that include hidden documents).
    /// </remarks>
    public static async Task<CollectionSummary> ForAsync(CollectionSummary summary, ICatalogStore catalog, CallerAccess caller, CancellationToken cancellationToken)
    {
        var filter = caller.Filter();
        if (filter.SeesEverything)
        {
            return summary;
        }

        try
        {
            var page = await catalog.ListDocumentsAsync(summary.Collection.Name, new DocumentQuery(Take: 1, Access: filter), cancellationToken);
            return summary with { Documents = page.Total, Chunks = page.TotalChunks };
        }
        catch (NotSupportedException)
        {
            return summary with { Documents = 0, Chunks = 0 };
        }
    }
}
