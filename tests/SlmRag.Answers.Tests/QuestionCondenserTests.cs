namespace SlmRag.Answers.Tests;

public sealed class QuestionCondenserTests
{
    [Theory]
    [InlineData("What is the minimum password length?")]
    [InlineData("How long must passwords be?")]
    [InlineData("Where is the fire assembly point?")]
    [InlineData("Who approves purchases?")]
    [InlineData("Is there parking at the office?")]
    [InlineData("When is the building locked?")]
    [InlineData("What is the policy that covers laptops?")]
    [InlineData("How many days of annual leave do I get?")]
    public void A_self_contained_question_is_not_a_follow_up_however_short(string question) =>
        Assert.False(QuestionCondenser.DependsOnEarlierTurn(question));

    [Theory]
    [InlineData("And for part-time staff?")]
    [InlineData("What about London?")]
    [InlineData("how about Lisbon")]
    [InlineData("Lisbon?")]
    [InlineData("Part-time staff?")]
    [InlineData("How long does it take?")]
    [InlineData("Who approves those?")]
    [InlineData("Does that apply to contractors?")]
    [InlineData("Is this the same in Kraków?")]
    [InlineData("Same for managers?")]
    public void A_question_that_depends_on_the_earlier_turn_is_a_follow_up(string question) =>
        Assert.True(QuestionCondenser.DependsOnEarlierTurn(question));

    [Fact]
    public async Task Without_a_model_a_follow_up_carries_the_previous_query_and_a_new_question_starts_from_itself()
    {
        List<ConversationTurn> history = [new("What is the dinner allowance in London?", "What is the dinner allowance in London?", "€45 [1]")];

        Assert.Equal("What is the dinner allowance in London? And in Lisbon?", await QuestionCondenser.CondenseAsync("And in Lisbon?", history, null, CancellationToken.None));
        Assert.Equal("How long must passwords be?", await QuestionCondenser.CondenseAsync("How long must passwords be?", history, null, CancellationToken.None));
    }
}
