namespace SlmRag.Answers.Tests;

public sealed class CitationMarkerFilterTests
{
    [Theory]
    [InlineData("Leave is 27 days [1].", "Leave is 27 days [1].", 0)]
    [InlineData("See [2][3] and [7].", "See [2][3] and .", 1)]
    [InlineData("Zero [0] is no source.", "Zero  is no source.", 1)]
    [InlineData("Text [see below] stays.", "Text [see below] stays.", 0)]
    [InlineData("Arrays [12345] are not markers.", "Arrays [12345] are not markers.", 0)]
    public void Keeps_markers_of_given_sources_and_removes_the_rest(string model, string expected, int removed)
    {
        var filter = new CitationMarkerFilter(sourceCount: 3);
        var output = filter.Append(model) + filter.Flush();
        Assert.Equal(expected, output);
        Assert.Equal(removed, filter.Removed);
    }

    [Fact]
    public void A_marker_split_across_streamed_pieces_is_decided_once_complete()
    {
        var filter = new CitationMarkerFilter(sourceCount: 2);
        var pieces = new[] { "27 days [", "1", "] and [", "9]", " end" }.Select(filter.Append).ToList();
        Assert.Equal(["27 days ", string.Empty, "[1] and ", string.Empty, " end"], pieces);
        Assert.Equal([1], filter.Cited);
        Assert.Equal(1, filter.Removed);
    }
}
