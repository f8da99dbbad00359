using SlmRag.Core.Chunking;

namespace SlmRag.Answers.Tests;

/// <summary>How well the top sources support a question, before the abstention threshold.</summary>
public sealed class EvidenceScorerTests
{
    private static readonly List<ChunkAnalysis> Waste =
    [
        Analyze("""
            | Bin size | Annual charge |
            |---|---|
            | 120 litre grey bin | EUR 196 |
            | 240 litre grey bin | EUR 292 |
            """),
        Analyze("The waste charge is billed once a year with the property tax."),
    ];

    [Fact]
    public void A_name_no_source_mentions_scores_low()
    {
        var evidence = EvidenceScorer.Score("What is the annual charge for a grey bin in Riverside?", Waste, 3, null, SemanticMatch.None);

        Assert.True(evidence < 0.2, $"evidence {evidence}");
    }

    [Fact]
    public void A_name_in_the_askers_situation_is_not_held_against_the_question()
    {
        var asked = EvidenceScorer.Score("We moved here from Riverside. What is the annual charge for a grey bin?", Waste, 3, null, SemanticMatch.None);

        Assert.True(asked > new AnswerOptions().MinEvidence, $"evidence {asked}");
    }

    [Theory]
    [InlineData("We moved here after a honeymoon abroad.")]
    [InlineData("I'm 67 and live alone.")]
    public void The_askers_situation_in_words_and_numbers_no_source_uses_does_not_weaken_the_evidence(string situation)
    {
        var plain = EvidenceScorer.Score("What is the annual charge for a grey bin?", Waste, 3, null, SemanticMatch.None);

        var withSituation = EvidenceScorer.Score(situation + " What is the annual charge for a grey bin?", Waste, 3, null, SemanticMatch.None);

        Assert.Equal(plain, withSituation, 6);
    }

    private static ChunkAnalysis Analyze(string text) =>
        ChunkAnalysis.Of(new Chunk(Guid.NewGuid().ToString("N"), "d1", "c", 0, "Waste collection", [], null, null, 0, text.Length, 10, Guid.NewGuid().ToString("N"), text));
}
