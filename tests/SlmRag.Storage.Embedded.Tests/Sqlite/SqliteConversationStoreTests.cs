using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Conversations;
using SlmRag.Storage.Embedded.Tests.Conformance;

namespace SlmRag.Storage.Embedded.Tests.Sqlite;

public sealed class SqliteConversationStoreTests : ConversationStoreConformanceTests, IDisposable
{
    private readonly SqliteStoreFixture _fixture = new();

    protected override IConversationStore Store => _fixture.Services.GetRequiredService<IConversationStore>();

    [Fact]
    public async Task A_conversation_survives_a_restart_and_another_process_over_the_same_file_continues_it()
    {
        await Store.AppendAsync("chat", "key-a", Turn("first", Start), 6, Start, Ct);

        // A second service provider over the same data directory: a restarted service, or another replica.
        using var replica = new ServiceCollection()
            .AddEmbeddedStorage(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = Path.GetDirectoryName(_fixture.DatabasePath) }).Build())
            .BuildServiceProvider();
        var other = replica.GetRequiredService<IConversationStore>();
        Assert.Equal(["first"], (await other.GetTurnsAsync("chat", "key-a", Start, 6, Ct)).Select(t => t.Question));

        Assert.True(await other.AppendAsync("chat", "key-a", Turn("second", Start.AddMinutes(1)), 6, Start, Ct));
        Assert.Equal(["first", "second"], (await Store.GetTurnsAsync("chat", "key-a", Start, 6, Ct)).Select(t => t.Question));
    }

    public void Dispose() => _fixture.Dispose();
}
