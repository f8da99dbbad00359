namespace SlmRag.Answers.Tests;

/// <summary>The extractive answerer on the sample corpus and its question file.</summary>
public sealed class AnswerQualityTests(HandbookFixture handbook, ITestOutputHelper output) : IClassFixture<HandbookFixture>
{
    [Fact]
    public async Task Cites_the_right_document_for_at_least_85_percent_and_abstains_on_the_unanswerable()
    {
        // Conversation questions are asked in their conversation by `slmrag eval answers`; alone, a follow-up means nothing.
        var answerable = Question.All.Where(q => q.Answerable && q.Conversation is null).ToList();
        var unanswerable = Question.All.Where(q => !q.Answerable && q.Conversation is null).ToList();
        Assert.True(answerable.Count >= 40 && unanswerable.Count >= 8);

        var right = 0;
        var wrongAbstentions = 0;
        foreach (var question in answerable)
        {
            var answer = await handbook.AskAsync(question.Question_);
            var cited = answer.Citations.Any(c => c.DocumentId == handbook.DocumentId(question.Document!));
            right += !answer.Abstained && cited ? 1 : 0;
            wrongAbstentions += answer.Abstained ? 1 : 0;
            if (Environment.GetEnvironmentVariable("ANSWER_TRACE") == "1" || answer.Abstained || !cited)
            {
                output.WriteLine($"{question.Id} {(answer.Abstained ? "abstained" : "miss")} (evidence {answer.Evidence}): {question.Question_} -> {answer.Text}");
            }
        }

        var abstained = 0;
        foreach (var question in unanswerable)
        {
            var answer = await handbook.AskAsync(question.Question_);
            abstained += answer.Abstained ? 1 : 0;
            if (Environment.GetEnvironmentVariable("ANSWER_TRACE") == "1" || !answer.Abstained)
            {
                output.WriteLine($"{question.Id} answered (evidence {answer.Evidence}): {question.Question_} -> {answer.Text}");
            }
        }

        output.WriteLine($"right document cited: {right}/{answerable.Count}; abstained on answerable: {wrongAbstentions}; abstained on unanswerable: {abstained}/{unanswerable.Count}");
        // 85%: the set now holds harder cases (spreadsheet rows, comparisons); `slmrag eval answers` reports the figure.
        Assert.True(right >= Math.Ceiling(answerable.Count * 0.85), $"{right} of {answerable.Count}");
        Assert.Equal(unanswerable.Count, abstained);
    }
}
