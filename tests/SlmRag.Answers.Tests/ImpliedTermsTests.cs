using SlmRag.Core.Text;

namespace SlmRag.Answers.Tests;

/// <summary>The measures a sentence states without naming them.</summary>
public sealed class ImpliedTermsTests
{
    [Theory]
    [InlineData("Passwords are at least 14 characters long.", "minimum length")]
    [InlineData("We reimburse up to €750.", "maximum cost price fee charge")]
    [InlineData("Sunday ........ 08:00 - 18:00", "open close hours time")]
    [InlineData("Open from 9 am to 5 pm on weekdays.", "open close hours time")]
    [InlineData("Adult single ticket ...... EUR 4.50", "cost price fee charge")]
    [InlineData("The fine is 20 euros per day.", "cost price fee charge")]
    [InlineData("Notice: 5 to 10 years of service, 2 months.", "")]
    [InlineData("Room 4.12 holds 12 people.", "")]
    public void Stated_measures_imply_their_names(string text, string implied)
    {
        var own = EnglishAnalyzer.Terms(text);

        var found = ImpliedTerms.Of(text, own).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(EnglishAnalyzer.Terms(implied).Where(t => !own.Contains(t)).ToHashSet(StringComparer.Ordinal), found);
    }
}
