using SlmRag.Core.Text;

namespace SlmRag.Core.Tests.Text;

public sealed class TextOpeningTests
{
    [Theory]
    [InlineData("Experimental study of a wing.\n\nexperimental study of a wing . the lift", "Experimental study of a wing", true)]
    [InlineData("## Annual leave\nStaff get 27 days.", "Annual Leave", true)]
    [InlineData("Annual  leave:\tstaff get 27 days.", "annual leave", true)]
    [InlineData("Introduction to the handbook", "Intro", false)]
    [InlineData("Staff get 27 days of annual leave.", "Annual leave", false)]
    [InlineData("Leave", "Annual leave", false)]
    [InlineData("Anything at all", "---", false)]
    [InlineData("Über die Firma", "über die", true)]
    public void Compares_letters_and_digits_only_and_ends_at_a_word_boundary(string text, string prefix, bool expected) =>
        Assert.Equal(expected, TextOpening.StartsWith(text, prefix));

    [Fact]
    public void Headings_a_text_opens_with_are_matched_one_after_another()
    {
        const string text = "Travel policy\n\nTrains\n\nRail trips are booked in second class.";

        var end = TextOpening.MatchEnd(text, 0, "Travel policy");

        Assert.Equal(13, end);
        Assert.Equal(21, TextOpening.MatchEnd(text, end, "trains"));
        Assert.Equal(-1, TextOpening.MatchEnd(text, 0, "Trains"));
    }
}
