using SlmRag.Core.Text;

namespace SlmRag.Answers.Tests;

public sealed class TermMatchTests
{
    [Theory]
    [InlineData("stored", "storage", true)]
    [InlineData("resolved", "resolution", true)]
    [InlineData("covered", "coverage", true)]
    [InlineData("solved", "solution", true)]
    [InlineData("programme", "programs", true)]
    [InlineData("Europe", "European", true)]
    [InlineData("Canada", "Canadian", true)]
    [InlineData("music", "musicians", true)]
    [InlineData("person", "Persian", false)]
    [InlineData("state", "status", false)]
    [InlineData("policy", "politics", false)]
    [InlineData("material", "maternity", false)]
    [InlineData("page", "pay", false)]
    public void A_question_word_meets_its_variants_and_derivations_but_not_lookalikes(string asked, string written, bool matches)
    {
        var term = Assert.Single(EnglishAnalyzer.Terms(asked));
        var terms = EnglishAnalyzer.Terms(written).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(matches, TermMatch.In(term, terms));
    }
}
