using SlmRag.Ingestion.Chunking;

namespace SlmRag.Ingestion.Tests.Chunking;

public sealed class EstimatingTokenCounterTests
{
    private readonly EstimatingTokenCounter _counter = new();

    [Theory]
    [InlineData("", 0)]
    [InlineData("   \n\t", 0)]
    [InlineData("policy", 1)]
    [InlineData("reimbursement", 3)]
    [InlineData("Hello, world!", 4)]
    [InlineData("2026-11-22", 5)]
    [InlineData("日本語", 3)]
    [InlineData("naïve café", 2)]
    [InlineData("e\u0301cole", 1)]
    public void Counts_follow_the_documented_rules(string text, int expected) =>
        Assert.Equal(expected, _counter.CountTokens(text));

    [Fact]
    public void English_prose_is_about_one_and_a_third_tokens_a_word()
    {
        const string prose = "Employees may carry over up to five days of unused annual leave into the next calendar year, "
            + "provided that their manager approves the request before the end of November.";
        var words = prose.Split(' ').Length;

        var ratio = (double)_counter.CountTokens(prose) / words;

        Assert.InRange(ratio, 1.0, 1.6);
    }

    [Fact]
    public void Counts_add_up_across_white_space() =>
        Assert.Equal(_counter.CountTokens("annual leave") + _counter.CountTokens("policy."), _counter.CountTokens("annual leave policy."));
}
