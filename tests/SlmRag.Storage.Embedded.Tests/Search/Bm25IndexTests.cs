using SlmRag.Core.Retrieval;
using SlmRag.Storage.Embedded.Search;

namespace SlmRag.Storage.Embedded.Tests.Search;

public sealed class Bm25IndexTests
{
    private static Bm25Index Corpus()
    {
        var index = new Bm25Index();
        index.Add(0, ["cat", "sat", "mat"], []);
        index.Add(1, ["cat", "cat", "dog"], []);
        index.Add(2, ["bird"], []);
        index.Add(3, ["fish", "swim"], []);
        index.Add(4, ["bird", "fly", "high", "sky"], []);
        return index;
    }

    [Fact]
    public void Scores_follow_the_bm25_formula()
    {
        var options = new Bm25Options { K1 = 0.9, B = 0.6, TitleWeight = 0 };

        var hits = Search(Corpus(), ["cat"], _ => true, 10, options);

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

        var birdOnly = Search(index, ["bird"], _ => true, 10, options).Single(h => h.Slot == 4).Score;
        var once = Search(index, ["bird", "sky"], _ => true, 10, options).Single(h => h.Slot == 4).Score;
        var twice = Search(index, ["bird", "sky", "sky"], _ => true, 10, options).Single(h => h.Slot == 4).Score;

        // k3 = 8: a term asked twice weighs 2 × 9 / 10 = 1.8 times a term asked once.
        Assert.Equal((once - birdOnly) * 1.8, twice - birdOnly, 10);
    }

    [Fact]
    public void Filters_apply_before_the_top_k_and_cleared_slots_are_gone()
    {
        var index = Corpus();
        var options = new Bm25Options();

        var allowed = Search(index, ["cat"], slot => slot != 1, 1, options);
        index.Remove(0);
        var afterClear = Search(index, ["cat"], _ => true, 10, options, visible: slot => slot != 0);

        Assert.Equal([0], allowed.Select(h => h.Slot));
        Assert.Equal([1], afterClear.Select(h => h.Slot));
        Assert.Equal(4, index.LiveCount);
    }

    [Fact]
    public void A_reader_scores_with_the_statistics_of_its_own_version()
    {
        var index = Corpus();
        var options = new Bm25Options { TitleWeight = 0 };
        var stats = index.Stats;
        var before = index.Search(["cat"], stats, 5, _ => true, _ => true, 10, options);

        // The writer moves on: more "cat" documents change df, N and the average length of the current version.
        index.Add(5, ["cat", "cat", "cat", "cat"], []);
        index.Add(6, ["cat"], []);
        var old = index.Search(["cat"], stats, 5, slot => slot < 5, _ => true, 10, options);
        var current = Search(index, ["cat"], _ => true, 10, options);

        Assert.Equal(before.Select(h => (h.Slot, h.Score)), old.Select(h => (h.Slot, h.Score)));
        Assert.Equal(4, current.Count);
        Assert.NotEqual(before[0].Score, current.Single(h => h.Slot == 1).Score);
    }

    [Fact]
    public void Title_terms_add_their_weighted_score()
    {
        var index = new Bm25Index();
        index.Add(0, ["leave", "days"], ["policy"]);
        index.Add(1, ["leave", "days"], []);
        index.Add(2, ["other"], []);

        var hits = Search(index, ["policy", "leave"], _ => true, 10, new Bm25Options { TitleWeight = 0.3 });

        Assert.Equal([0, 1], hits.Select(h => h.Slot));
        Assert.True(hits[0].Score > hits[1].Score);
    }

    private static List<(int Slot, double Score)> Search(Bm25Index index, IReadOnlyList<string> terms, Func<int, bool> allowed, int limit, Bm25Options options, Func<int, bool>? visible = null) =>
        index.Search(terms, index.Stats, index.Stats.TextLengths.Length, visible ?? (_ => true), allowed, limit, options);
}
