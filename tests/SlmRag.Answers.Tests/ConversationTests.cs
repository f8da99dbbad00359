namespace SlmRag.Answers.Tests;

/// <summary>Conversations through the whole pipeline on the sample corpus, kept in the store.</summary>
public sealed class ConversationTests(HandbookFixture handbook) : IClassFixture<HandbookFixture>
{
    [Fact]
    public async Task Unrelated_short_questions_in_one_conversation_are_each_answered_from_their_own_document()
    {
        var conversation = Guid.NewGuid().ToString("N");
        _ = await handbook.AskAsync("How much does the company contribute to the pension?", conversation: conversation);
        var password = await handbook.AskAsync("How many characters must a password have?", conversation: conversation);
        var seats = await handbook.AskAsync("How many seats does the Transformer room have?", conversation: conversation);

        Assert.Equal("How many characters must a password have?", password.SearchQuery);
        Assert.False(password.Abstained);
        Assert.Contains(password.Citations, c => c.DocumentId == handbook.DocumentId("it/security-basics.md"));
        Assert.Contains("14", password.Text, StringComparison.Ordinal);
        Assert.Contains("12", seats.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_follow_up_is_answered_in_the_context_of_the_earlier_turn()
    {
        var conversation = Guid.NewGuid().ToString("N");
        await handbook.AskAsync("What is the maximum hotel price per night in Amsterdam?", conversation: conversation);
        var lisbon = await handbook.AskAsync("And in Lisbon?", conversation: conversation);

        Assert.Contains("hotel", lisbon.SearchQuery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("€130", lisbon.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_caller_cannot_continue_a_conversation()
    {
        var conversation = Guid.NewGuid().ToString("N");
        await handbook.AskAsync("What is the maximum hotel price per night in Amsterdam?", conversation: conversation);
        var stranger = await handbook.Answers.AskAsync(new AnswerRequest(HandbookFixture.Collection, "And in Lisbon?", SlmRag.Core.Retrieval.SearchFilter.Public, "someone-else", conversation), CancellationToken.None);

        Assert.Equal("And in Lisbon?", stranger.SearchQuery);
    }
}
