using SlmRag.Core.Retrieval;
using SlmRag.Storage.Embedded.Search;

namespace SlmRag.Storage.Embedded.Tests.Search;

public sealed class Bm25IndexTests
{
    private static Bm25Index Corpus()
    {
        var index = new Bm25Index();
        index.Set(0, ["cat", "sat", "mat"], []);
        index.Set(1, ["cat", "cat", "dog"], []);
        index.Set(2, ["bird"], []);
        index.Set(3, ["fish", "swim"], []);
        index.Set(4, ["bird", "fly", "high", "sky"], []);
        return index;
    }

    [Fact]
    public void Scores_follow_the_bm25_formula()
    {
        var options = new Bm25Options { K1 = 0.9, B = 0.6, TitleWeight = 0 };

        var hits = Corpus().Search(["cat"], _ => true, 10, options);

        // N = 5, df(cat) = 2, average length 13 / 5 = 2.6.
        var idf = Math.Log((5 - 2 + 0.5) / (2 + 0.5));
        double Score(int tf, int length) => idf * (0.9 + 1) * tf / (tf + (0.9 * (1 - 0.6 + (0.6 * length / 2.6))));
        Assert.Equal([1, 0], hits.Select(h => h.Slot));
        Assert.Equal(Score(2, 3), hits[0].Score, 10);
        Assert.Equal(Score(1, 3), hits[1].Score, 10);
    }

    [Fact]
    public void Repeated_query_terms_weigh_more_but_saturate()
    {
        var options = new Bm25Options { TitleWeight = 0 };
        var index = Corpus();

        var birdOnly = index.Search(["bird"], _ => true, 10, options).Single(h => h.Slot == 4).Score;
        var once = index.Search(["bird", "sky"], _ => true, 10, options).Single(h => h.Slot == 4).Score;
        var twice = index.Search(["bird", "sky", "sky"], _ => true, 10, options).Single(h => h.Slot == 4).Score;

        // k3 = 8: a term asked twice weighs 2 × 9 / 10 = 1.8 times a term asked once.
        Assert.Equal((once - birdOnly) * 1.8, twice - birdOnly, 10);
    }

    [Fact]
    public void Filters_apply_before_the_top_k_and_cleared_slots_are_gone()
    {
        var index = Corpus();
        var options = new Bm25Options();

        var allowed = index.Search(["cat"], slot => slot != 1, 1, options);
        index.Clear(0);
        var afterClear = index.Search(["cat"], _ => true, 10, options);

        Assert.Equal([0], allowed.Select(h => h.Slot));
        Assert.Equal([1], afterClear.Select(h => h.Slot));
        Assert.Equal(4, index.LiveCount);
    }

    [Fact]
    public void Title_terms_add_their_weighted_score()
    {
        var index = new Bm25Index();
        index.Set(0, ["leave", "days"], ["policy"]);
        index.Set(1, ["leave", "days"], []);
        index.Set(2, ["other"], []);

        var hits = index.Search(["policy", "leave"], _ => true, 10, new Bm25Options { TitleWeight = 0.3 });

        Assert.Equal([0, 1], hits.Select(h => h.Slot));
        Assert.True(hits[0].Score > hits[1].Score);
    }
}
