using SlmRag.Evaluation.Answers;

namespace SlmRag.Evaluation.Tests.Answers;

/// <summary>Answer scoring against references: SQuAD-style normalisation, F1, citations and abstentions.</summary>
public sealed class AnswerScorerTests
{
    private static readonly HashSet<int> Sources = [1, 2];

    [Fact]
    public void Exact_match_ignores_case_punctuation_articles_and_markers()
    {
        var score = AnswerScorer.Score("The manager approves travel [1].", "manager approves travel", Sources);
        Assert.True(score.ExactMatch);
        Assert.Equal(1.0, score.TokenF1);
        Assert.True(score.CitationsValid);
        Assert.False(score.Abstained);
    }

    [Fact]
    public void Token_f1_counts_shared_words_once_each()
    {
        // predicted: manager, approves (2 of 3 match); expected: manager, approves, travel, requests.
        var score = AnswerScorer.Score("manager approves expenses [1]", "manager approves travel requests", Sources);
        Assert.False(score.ExactMatch);
        Assert.Equal(2 * (2 / 3.0) * (2 / 4.0) / ((2 / 3.0) + (2 / 4.0)), score.TokenF1, 6);
    }

    [Fact]
    public void Citations_must_exist_and_name_offered_sources()
    {
        Assert.False(AnswerScorer.Score("manager approves travel", "manager approves travel", Sources).CitationsValid);
        Assert.False(AnswerScorer.Score("manager approves travel [3]", "manager approves travel", Sources).CitationsValid);
        Assert.True(AnswerScorer.Score("manager [2] approves travel [1]", "manager approves travel", Sources).CitationsValid);
    }

    [Fact]
    public void Not_found_is_an_abstention_and_matches_an_abstaining_reference()
    {
        var wrong = AnswerScorer.Score("NOT_FOUND", "manager approves travel", Sources);
        Assert.True(wrong.Abstained);
        Assert.Equal(0, wrong.TokenF1);
        var right = AnswerScorer.Score("NOT_FOUND", "NOT_FOUND", Sources);
        Assert.True(right.ExactMatch);
    }

    [Fact]
    public void Source_numbers_come_from_the_prompt_blocks()
    {
        Assert.Equal([1, 3], AnswerScorer.SourceNumbers("<source number=\"1\" title=\"a\">x</source><source number=\"3\" title=\"b\">y</source>").Order());
    }
}
