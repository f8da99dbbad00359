using SlmRag.Answers.Attribution;

namespace SlmRag.Answers.Tests.Attribution;

public sealed class CitationAttributorTests
{
    private static readonly List<(int, string)> Sources =
    [
        (1, "Full-time employees receive 27 days of paid annual leave per calendar year. Unused days expire."),
        (2, "Passwords are at least 14 characters long. Never reuse a password for two services."),
        (3, "The fire assembly point is the square in front of the Jaarbeurs entrance."),
    ];

    [Fact]
    public void Each_sentence_is_attributed_to_the_source_it_restates()
    {
        var result = CitationAttributor.Attribute("Employees get 27 days of paid annual leave per calendar year. Passwords must be at least 14 characters long.", Sources);

        Assert.Equal([1], result.Sentences[0].Sources);
        Assert.Equal([2], result.Sentences[1].Sources);
        Assert.Equal([1, 2], result.CitedSources);
        Assert.Empty(result.Unsupported);
        Assert.True(result.Grounded);
        Assert.Equal("Employees get 27 days of paid annual leave per calendar year. [1] Passwords must be at least 14 characters long. [2]", result.MarkedText);
    }

    [Fact]
    public void A_sentence_no_source_supports_is_reported_as_unsupported()
    {
        var result = CitationAttributor.Attribute("The assembly point is the square in front of the Jaarbeurs entrance. Dogs are welcome in the office on Fridays.", Sources);

        Assert.Equal([3], result.Sentences[0].Sources);
        Assert.Empty(result.Sentences[1].Sources);
        Assert.Equal(["Dogs are welcome in the office on Fridays."], result.Unsupported);
    }

    [Fact]
    public void An_answer_matching_no_source_is_not_grounded()
    {
        var result = CitationAttributor.Attribute("The cafeteria serves sushi every Tuesday. Parking is free for visitors.", Sources);

        Assert.False(result.Grounded);
        Assert.Empty(result.CitedSources);
        Assert.Equal(2, result.Unsupported.Count);
    }

    [Fact]
    public void Existing_markers_are_replaced_by_the_attributed_ones()
    {
        var result = CitationAttributor.Attribute("Passwords are at least 14 characters long [7].", Sources);

        Assert.Equal("Passwords are at least 14 characters long. [2]", result.MarkedText);
    }

    [Fact]
    public void An_embedding_similarity_can_support_a_paraphrase_the_words_miss()
    {
        var paraphrase = "Staff are entitled to nearly four weeks off.";
        Assert.False(CitationAttributor.Attribute(paraphrase, Sources).Grounded);

        var result = CitationAttributor.Attribute(paraphrase, Sources, (_, source) => source == 1 ? 0.82 : 0.1);
        Assert.Equal([1], result.CitedSources);
    }
}
