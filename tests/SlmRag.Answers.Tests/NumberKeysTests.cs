namespace SlmRag.Answers.Tests;

/// <summary>A question's number found in a passage that writes it another way (periods, separators, ranges).</summary>
public sealed class NumberKeysTests
{
    [Theory]
    [InlineData("Who began a reform in the 1100s?", "In the early 12th century the dukes began a reform.", true)]
    [InlineData("Who began a reform in the 1100s?", "In the early 11th century the dukes began a reform.", false)]
    [InlineData("Who gave their name to Normandy in the 1000's?", "In the 10th and 11th centuries they gave their name to Normandy.", true)]
    [InlineData("What happened in the 1190s?", "In April 1191 Richard left Messina.", true)]
    [InlineData("What happened in 1191?", "In the 12th century Richard left Messina.", false)]
    [InlineData("Who must approve a purchase of €25,000?", "€10,000 to €50,000 | Head of department and the CFO", true)]
    [InlineData("Who must approve a purchase of €25,000?", "Above €50,000 | Management board", false)]
    [InlineData("What notice period after 12 years of service?", "10 to 15 years 1 month 3 months", true)]
    [InlineData("What notice period after 12 years of service?", "5 to 10 years 1 month 2 months", false)]
    [InlineData("Is a gift of 30 euros allowed?", "Gifts up to €50 may be accepted.", true)]
    [InlineData("How much notice does a group of 12 visitors need?", "Groups of more than ten visitors are announced two days ahead.", true)]
    [InlineData("How much notice does a group of 8 visitors need?", "Groups of more than ten visitors are announced two days ahead.", false)]
    [InlineData("Can I book 2 slots?", "Groups of more than three people book the large room.", false)]
    [InlineData("Can I book 3 slots?", "Each person may book three slots a week.", true)]
    [InlineData("Can I bring 1 guest?", "The one who invites a guest signs them in.", false)]
    [InlineData("Can I bring 1 guest?", "Employees may bring at least one guest.", true)]
    public void A_unit_holds_the_number_a_question_states(string question, string unitText, bool holds)
    {
        var asked = NumberKeys.OfQuestion(question);
        var unit = new AnalyzedSentence(0, unitText.Length, [], unitText);

        Assert.Single(asked);
        Assert.Equal(holds, unit.Holds(asked[0]));
    }
}
