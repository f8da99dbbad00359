namespace SlmRag.Answers.Tests;

/// <summary>
/// A measure asked with its noun ("minimum ... length") and stated with an adjective or bound ("at least 14
/// characters long"), with the default embedding model and without one.
/// </summary>
public abstract class MeasureQuestionTests(HandbookFixture handbook)
{
    [Theory]
    [InlineData("What is the minimum password length?")]
    [InlineData("How many characters must a password have?")]
    public async Task A_password_length_question_is_answered_from_the_security_page(string question)
    {
        var answer = await handbook.AskAsync(question);

        Assert.False(answer.Abstained, answer.AbstentionReason);
        Assert.Contains(answer.Citations, c => c.DocumentId == handbook.DocumentId("it/security-basics.md"));
        Assert.Contains("14 characters", answer.Text, StringComparison.Ordinal);
    }
}

public sealed class MeasureQuestionWithEmbeddingsTests(HandbookFixture handbook) : MeasureQuestionTests(handbook), IClassFixture<HandbookFixture>;

public sealed class MeasureQuestionLexicalTests(LexicalHandbookFixture handbook) : MeasureQuestionTests(handbook), IClassFixture<LexicalHandbookFixture>;
