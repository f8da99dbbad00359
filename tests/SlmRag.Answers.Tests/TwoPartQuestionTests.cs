namespace SlmRag.Answers.Tests;

/// <summary>A question asking two things is answered with a unit for each part, not half of it.</summary>
public sealed class TwoPartQuestionTests(HandbookFixture handbook) : IClassFixture<HandbookFixture>
{
    [Fact]
    public async Task Both_parts_of_a_two_part_question_are_answered()
    {
        var answer = await handbook.AskAsync("How many unused leave days can I carry over, and until when must I take them?");

        Assert.False(answer.Abstained, answer.AbstentionReason);
        Assert.Contains("five", answer.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("31 March", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("How many unused leave days can I carry over, and until when must I take them?", "until when must I take them?")]
    [InlineData("Who approves travel and what is the hotel limit?", "what is the hotel limit?")]
    [InlineData("What is the difference between annual and special leave?", null)]
    [InlineData("How much leave do part-time and full-time staff get?", null)]
    public void The_second_part_of_a_question_is_found(string question, string? second) =>
        Assert.Equal(second, QuestionForm.Of(question).SecondPart);
}
