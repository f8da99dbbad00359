using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Storage;
using SlmRag.Ingestion.Worker;
using SlmRag.Testing;

namespace SlmRag.Ingestion.Tests.Worker;

public sealed class OrphanBlobSweeperTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_old_uploads_that_no_unfinished_item_needs_are_deleted()
    {
        using var harness = new IngestionHarness();
        using var temp = new TempDirectory();
        var blobs = harness.Services.GetRequiredService<IBlobStore>();
        await harness.CreateCollectionAsync("c");
        var queued = await harness.SubmitAsync("c", [(temp.File("a.md", "# A\n\nAlpha."), null)]);
        var orphan = await blobs.PutAsync(new MemoryStream("left behind"u8.ToArray()), 1000, Ct);
        var fresh = await blobs.PutAsync(new MemoryStream("being staged"u8.ToArray()), 1000, Ct);
        var old = DateTime.UtcNow - OrphanBlobSweeper.MinimumAge - TimeSpan.FromMinutes(5);
        File.SetLastWriteTimeUtc(blobs.TryGetPath(orphan.Id)!, old);
        File.SetLastWriteTimeUtc(blobs.TryGetPath(queued.Items[0].BlobId!)!, old);

        var deleted = await harness.Services.GetRequiredService<OrphanBlobSweeper>().SweepAsync(Ct);

        Assert.Equal(1, deleted);
        Assert.Null(blobs.TryGetPath(orphan.Id));
        Assert.NotNull(blobs.TryGetPath(fresh.Id));
        Assert.NotNull(blobs.TryGetPath(queued.Items[0].BlobId!));
        Assert.Equal(Core.Jobs.JobItemState.Succeeded, (await harness.DrainAsync(queued.Id)).Items[0].State);
    }
}
