namespace SlmRag.Storage.Embedded.Search;

/// <summary>
/// Float32 vectors addressed by slot, in fixed pages that never move once allocated: growing adds a
/// page and replaces the page directory, so a reader holding an older directory keeps reading valid
/// memory while the single writer appends. (One contiguous array would have to be copied on growth,
/// doubling memory at a million vectors, and .NET arrays stop at 2^31 elements.)
/// </summary>
internal sealed class VectorPages
{
    private const int PageShift = 12; // 4,096 vectors a page: 6 MB at 384 dimensions
    private const int PageMask = (1 << PageShift) - 1;

    public VectorPages(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Dimensions = dimensions;
    }

    public int Dimensions { get; }

    /// <summary>The page directory readers capture; pages listed in it are never replaced.</summary>
    public float[][] Pages { get; private set; } = [];

    public void Set(int slot, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions)
        {
            throw new InvalidDataException($"A vector of {vector.Length} dimensions in a collection of {Dimensions}.");
        }

        var page = slot >> PageShift;
        if (page >= Pages.Length)
        {
            var grown = new float[Math.Max(page + 1, Pages.Length * 2)][];
            Array.Copy(Pages, grown, Pages.Length);
            for (var i = Pages.Length; i < grown.Length; i++)
            {
                grown[i] = new float[(1 << PageShift) * Dimensions];
            }

            Pages = grown;
        }

        vector.CopyTo(Pages[page].AsSpan((slot & PageMask) * Dimensions, Dimensions));
    }

    public ReadOnlySpan<float> Get(int slot) => Of(Pages, Dimensions, slot);

    public static ReadOnlySpan<float> Of(float[][] pages, int dimensions, int slot) =>
        pages[slot >> PageShift].AsSpan((slot & PageMask) * dimensions, dimensions);

    public long AllocatedBytes => (long)Pages.Length * (1 << PageShift) * Dimensions * sizeof(float);
}
