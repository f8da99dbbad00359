namespace SlmRag.Answers.Tests;

public sealed class SentenceSpansTests
{
    [Theory]
    [InlineData("Data protection officer | Dr. Helena Brandt | dpo@example.com", new[] { "Data protection officer | Dr. Helena Brandt | dpo@example.com" })]
    [InlineData("| Laptop | 3 yrs. Then replaced. | €1,450 |", new[] { "| Laptop | 3 yrs. Then replaced. | €1,450 |" })]
    [InlineData("Ask Dr. Brandt. She decides.", new[] { "Ask Dr. Brandt.", "She decides." })]
    [InlineData("Prof. Weber leads the lab. It opens at 8.", new[] { "Prof. Weber leads the lab.", "It opens at 8." })]
    [InlineData("Call reception. Dr. Brandt is away.\nA | B. C | D", new[] { "Call reception.", "Dr. Brandt is away.", "A | B. C | D" })]
    public void Sentences_end_at_their_punctuation_but_not_after_a_title_or_inside_a_table_row(string text, string[] sentences)
    {
        Assert.Equal(sentences, SentenceSpans.Split(text).Select(s => text[s.Start..s.End]));
    }

    [Theory]
    [InlineData("Entrance B: Mill Lane. The closest entrance for the laboratory. Open 07:00 - 18:00.\nParking is free. Ask us.",
        new[] { "Entrance B: Mill Lane. The closest entrance for the laboratory. Open 07:00 - 18:00.", "Parking is free.", "Ask us." })]
    [InlineData("Note that this is long. It has: a colon late.", new[] { "Note that this is long.", "It has: a colon late." })]
    [InlineData("Rule one. Then: more.", new[] { "Rule one.", "Then: more." })]
    public void A_short_key_value_line_is_one_unit(string text, string[] units)
    {
        Assert.Equal(units, SentenceSpans.Split(text).Select(s => text[s.Start..s.End]));
    }
}
