using System.Security.Cryptography;
using SlmRag.Core.Ingestion;
using SlmRag.Storage.Embedded.Blobs;
using SlmRag.Testing;

namespace SlmRag.Storage.Embedded.Tests.Blobs;

public sealed class FileBlobStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_upload_gets_its_own_blob_with_the_content_hash()
    {
        using var temp = new TempDirectory();
        var store = new FileBlobStore(temp.Path);
        var bytes = RandomNumberGenerator.GetBytes(200_000);

        var first = await store.PutAsync(new MemoryStream(bytes), 1_000_000, Ct);
        var second = await store.PutAsync(new MemoryStream(bytes), 1_000_000, Ct);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), first.ContentHash);
        Assert.Equal((first.ContentHash, first.SizeBytes), (second.ContentHash, second.SizeBytes));
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(store.TryGetPath(first.Id)!, Ct));
        store.Delete(first.Id);
        Assert.Null(store.TryGetPath(first.Id));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(store.TryGetPath(second.Id)!, Ct));
    }

    [Fact]
    public async Task A_stream_over_the_limit_is_refused_and_leaves_nothing_behind()
    {
        using var temp = new TempDirectory();
        var store = new FileBlobStore(temp.Path);

        var error = await Assert.ThrowsAsync<IngestionException>(() => store.PutAsync(new MemoryStream(new byte[300_000]), 100_000, Ct));

        Assert.Equal(IngestionError.TooLarge, error.Error);
        Assert.Empty(Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("abc")]
    public void Names_that_are_not_hashes_are_rejected(string name)
    {
        using var temp = new TempDirectory();
        Assert.Throws<ArgumentException>(() => new FileBlobStore(temp.Path).TryGetPath(name));
    }
}
