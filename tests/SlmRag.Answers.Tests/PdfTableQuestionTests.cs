namespace SlmRag.Answers.Tests;

/// <summary>
/// A question answered by one row of a PDF table (the handbook's notice periods): the row is one unit since
/// extraction rebuilds rows from positions, so the answer states the employer's cell beside the years that select it.
/// </summary>
public sealed class PdfTableQuestionTests(HandbookFixture handbook) : IClassFixture<HandbookFixture>
{
    [Fact]
    public async Task The_notice_period_row_answers_with_its_cells_together()
    {
        var answer = await handbook.AskAsync("What notice period does the employer have after 12 years of service?");

        Assert.False(answer.Abstained, answer.AbstentionReason);
        Assert.Contains(answer.Citations, c => c.DocumentId == handbook.DocumentId("people/employee-handbook.pdf"));
        Assert.Contains("10 to 15 years | 1 month | 3 months", answer.Text, StringComparison.Ordinal);
    }
}
