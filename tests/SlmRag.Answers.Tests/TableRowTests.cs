using SlmRag.Core.Chunking;

namespace SlmRag.Answers.Tests;

/// <summary>Table rows read with their header row: which first rows name columns, what a row then holds, how it is quoted.</summary>
public sealed class TableRowTests
{
    private const string KeyFigures = """
        Key figures

        | Figure | 2024 | 2025 |
        |---|---|---|
        | Revenue | €38.2 million | €47.9 million |
        | Customers | 37 | 44 |

        Revenue grew by 25%.
        """;

    [Fact]
    public void A_first_row_of_years_names_the_columns_and_each_row_under_it_holds_them()
    {
        var units = Analyze(KeyFigures);

        var header = Assert.Single(units, u => u.IsHeaderRow);
        Assert.Contains("2025", header.Text, StringComparison.Ordinal);
        var revenue = Assert.Single(units, u => u.Text.Contains("Revenue |", StringComparison.Ordinal));
        Assert.Contains("| Figure | 2024 | 2025 |", revenue.Columns, StringComparison.Ordinal);
        Assert.Contains("2025", revenue.NumberKeys);
        Assert.Contains("2025", revenue.Terms);
        Assert.Equal(["revenu"], revenue.LabelTerms);
        Assert.Null(Assert.Single(units, u => u.Text.StartsWith("Revenue grew", StringComparison.Ordinal)).Columns);
    }

    [Theory]
    [InlineData("| Years of service | Notice by the employer |\n|---|---|\n| Less than 5 years | 1 month |\n| 5 to 10 years | 2 months |", true)]
    [InlineData("| Quarter | Q1 2025 | FY 2024/25 |\n|---|---|---|\n| Sales | 10 | 40 |\n| Costs | 8 | 30 |", true)]
    [InlineData("| Less than 5 years | 1 month |\n| 5 to 10 years | 2 months |\n| 10 to 15 years | 3 months |", false)]
    [InlineData("| Home-office equipment | €600 once |\n| Internet | €30 a month |", false)]
    public void Only_a_first_row_of_names_or_periods_is_a_header(string table, bool hasHeader)
    {
        var units = Analyze(table);

        Assert.Equal(hasHeader, units[0].IsHeaderRow);
        Assert.Equal(hasHeader, units.Skip(1).All(u => u.Columns is not null));
    }

    [Theory]
    [InlineData("| Revenue | €38.2 million | €47.9 million |", "| Figure | 2024 | 2025 |", "Revenue — 2024: €38.2 million; 2025: €47.9 million")]
    [InlineData("Baggage | | €750 per laptop", "Cover | Minimum | Maximum", "Baggage — Maximum: €750 per laptop")]
    [InlineData("Tea | 2 | 3", "Item |  | Total", "Tea — 2; Total: 3")]
    [InlineData("A | B | C", "X | Y", "A | B | C")]
    public void A_row_is_quoted_with_the_name_of_each_filled_column(string row, string header, string quoted)
    {
        Assert.Equal(quoted, ExtractiveAnswerer.WithColumns(row, header));
    }

    [Theory]
    [InlineData("How long is the buddy program?", "long")]
    [InlineData("How old must a driver be?", "old")]
    [InlineData("How often are laptops replaced?", "often")]
    public void The_measure_word_of_how_long_is_not_a_subject_term(string question, string measure)
    {
        var form = QuestionForm.Of(question);

        Assert.DoesNotContain(measure, form.Terms);
        Assert.NotEmpty(form.Terms);
    }

    private const string Storage = """
        | Substance class | Cabinet | Maximum quantity |
        |---|---|---|
        | Acids | Blue cabinet, bottom shelf | 20 litres |
        | Bases | Blue cabinet, top shelf | 20 litres |

        Acids and bases must never share a shelf.
        """;

    [Theory]
    [InlineData("Where are acids stored?", 1.0)]
    [InlineData("How many litres of acids may a lab keep?", 1.0)]
    [InlineData("Who orders acids?", 0.0)]
    [InlineData("Are acids dangerous?", 0.0)]
    public void A_question_points_at_a_cell_by_its_rows_name_and_the_kind_of_column_it_asks_for(string question, double cell)
    {
        var units = Analyze(Storage);
        var acids = Assert.Single(units, u => u.Text.StartsWith("| Acids", StringComparison.Ordinal));
        var sentence = Assert.Single(units, u => u.Text.StartsWith("Acids and bases", StringComparison.Ordinal));
        var form = QuestionForm.Of(question);
        var weights = ExtractiveAnswerer.Weights(form.Terms, [.. units.Select(u => u.TermSet)]);
        var none = new HashSet<string>();

        Assert.Equal(cell, SpanSignals.Of(form, acids, none, weights, none).Cell);
        Assert.Equal(0, SpanSignals.Of(form, sentence, none, weights, none).Cell);
    }

    private static List<AnalyzedSentence> Analyze(string text)
    {
        var chunk = new Chunk("c1", "d1", "c", 0, "Report", [], null, null, 0, text.Length, 10, Guid.NewGuid().ToString("N"), text);
        return [.. ChunkAnalysis.Of(chunk).Sentences];
    }
}
