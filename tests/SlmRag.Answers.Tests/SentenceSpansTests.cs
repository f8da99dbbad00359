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
}
