using SlmRag.Core.Conversations;

namespace SlmRag.Storage.Embedded.Tests.Conformance;

/// <summary>What every <see cref="IConversationStore"/> must do; each implementation subclasses this.</summary>
public abstract class ConversationStoreConformanceTests
{
    protected static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract IConversationStore Store { get; }

    protected static StoredTurn Turn(string question, DateTimeOffset at) => new(question, question + " query", question + " answer", at);

    [Fact]
    public async Task Turns_come_back_oldest_first_and_only_the_newest_are_kept()
    {
        for (var i = 1; i <= 5; i++)
        {
            Assert.True(await Store.AppendAsync("c1", "key-a", Turn($"q{i}", Start.AddMinutes(i)), keep: 3, notBefore: Start, Ct));
        }

        var turns = await Store.GetTurnsAsync("c1", "key-a", Start, maxTurns: 10, Ct);
        Assert.Equal(["q3", "q4", "q5"], turns.Select(t => t.Question));
        Assert.Equal("q5 query", turns[^1].SearchQuery);
        Assert.Equal(["q4", "q5"], (await Store.GetTurnsAsync("c1", "key-a", Start, maxTurns: 2, Ct)).Select(t => t.Question));
    }

    [Fact]
    public async Task Only_the_key_that_started_a_conversation_reads_or_continues_it()
    {
        Assert.True(await Store.AppendAsync("c2", "key-a", Turn("mine", Start), 6, Start, Ct));
        Assert.False(await Store.AppendAsync("c2", "key-b", Turn("theirs", Start.AddMinutes(1)), 6, Start, Ct));

        Assert.Empty(await Store.GetTurnsAsync("c2", "key-b", Start, 6, Ct));
        Assert.Equal(["mine"], (await Store.GetTurnsAsync("c2", "key-a", Start, 6, Ct)).Select(t => t.Question));
    }

    [Fact]
    public async Task An_expired_conversation_is_forgotten_and_its_id_starts_over()
    {
        await Store.AppendAsync("c3", "key-a", Turn("old", Start), 6, Start.AddHours(-1), Ct);
        var later = Start.AddHours(2);

        Assert.Empty(await Store.GetTurnsAsync("c3", "key-a", later.AddHours(-1), 6, Ct));
        Assert.True(await Store.AppendAsync("c3", "key-b", Turn("new", later), 6, later.AddHours(-1), Ct));
        Assert.Equal(["new"], (await Store.GetTurnsAsync("c3", "key-b", later.AddHours(-1), 6, Ct)).Select(t => t.Question));
    }

    [Fact]
    public async Task Expired_conversations_are_deleted()
    {
        await Store.AppendAsync("c4", "key-a", Turn("old", Start), 6, Start, Ct);
        await Store.AppendAsync("c5", "key-a", Turn("fresh", Start.AddHours(3)), 6, Start, Ct);

        Assert.Equal(1, await Store.DeleteExpiredAsync(Start.AddHours(1), Ct));
        Assert.Empty(await Store.GetTurnsAsync("c4", "key-a", DateTimeOffset.MinValue, 6, Ct));
        Assert.Single(await Store.GetTurnsAsync("c5", "key-a", DateTimeOffset.MinValue, 6, Ct));
    }
}
