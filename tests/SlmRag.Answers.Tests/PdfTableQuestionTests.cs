namespace SlmRag.Answers.Tests;

/// <summary>
/// Questions answered by one row of a PDF table: the row is one unit since extraction rebuilds rows from positions,
/// and it is read with its header, so the answer names each cell's column.
/// </summary>
public sealed class PdfTableQuestionTests(HandbookFixture handbook) : IClassFixture<HandbookFixture>
{
    [Fact]
    public async Task The_notice_period_row_answers_with_its_cells_together()
    {
        var answer = await handbook.AskAsync("What notice period does the employer have after 12 years of service?");

        Assert.False(answer.Abstained, answer.AbstentionReason);
        Assert.Contains(answer.Citations, c => c.DocumentId == handbook.DocumentId("people/employee-handbook.pdf"));
        Assert.Contains("10 to 15 years — Notice by the employee: 1 month; Notice by the employer: 3 months", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_naming_a_row_and_a_year_column_is_answered_by_that_row_read_with_its_years()
    {
        // The annual report's key figures: "Figure | 2024 | 2025" over "Revenue | €38.2 million | €47.9 million"; a sentence
        // on R&D spending also says "2025" and "revenue", and won before rows were read with their header.
        var answer = await handbook.AskAsync("What was Lumenfield's revenue in 2025?");

        Assert.False(answer.Abstained, answer.AbstentionReason);
        Assert.StartsWith("Revenue — 2024: €38.2 million; 2025: €47.9 million [", answer.Text, StringComparison.Ordinal);
        Assert.Equal(handbook.DocumentId("finance/annual-report-2025.pdf"), answer.Citations[0].DocumentId);
    }
}
