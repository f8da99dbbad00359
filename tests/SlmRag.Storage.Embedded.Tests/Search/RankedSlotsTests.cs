using SlmRag.Storage.Embedded.Search;

namespace SlmRag.Storage.Embedded.Tests.Search;

public sealed class RankedSlotsTests
{
    /// <summary>Similarities on a coarse grid, so many slots tie and the slot order decides among them.</summary>
    private static float[] TiedSimilarities(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.Next(-20, 21) / 20f).ToArray();
    }

    private static List<(int Slot, double Score)> Collect(float[] similarities, int limit)
    {
        var size = RankedSlots.Collector.BufferSize(limit, similarities.Length);
        var buffer = new long[size];
        var top = new RankedSlots.Collector(buffer, limit);
        for (var slot = 0; slot < similarities.Length; slot++)
        {
            if (!(similarities[slot] < top.Floor))
            {
                top.Add(RankedSlots.Key(similarities[slot], slot));
            }
        }

        return top.Best();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(5000)]
    public void Keeps_the_best_k_with_ties_to_the_lower_slot_like_the_heap(int limit)
    {
        var similarities = TiedSimilarities(5000, seed: limit);
        var heap = new TopK(limit);
        for (var slot = 0; slot < similarities.Length; slot++)
        {
            heap.Add(slot, similarities[slot]);
        }

        var expected = heap.ToList();
        var sorted = similarities.Select((s, slot) => (Slot: slot, Score: (double)s)).OrderByDescending(h => h.Score).ThenBy(h => h.Slot).Take(limit).ToList();

        var collected = Collect(similarities, limit);

        Assert.Equal(sorted, expected);
        Assert.Equal(expected, collected);
    }

    [Fact]
    public void Negative_zero_ties_with_zero_and_nan_ranks_last()
    {
        float[] similarities = [float.NaN, 0f, -0f, -1f, float.NegativeInfinity, 0.5f];

        var collected = Collect(similarities, 6);

        Assert.Equal([5, 1, 2, 3, 4, 0], collected.Select(h => h.Slot));
        Assert.Equal(0.5, collected[0].Score);
        Assert.True(double.IsNaN(collected[5].Score));
        Assert.Equal(float.NegativeInfinity, collected[4].Score);
    }
}
