using SlmRag.Core.Collections;

namespace SlmRag.Core.Tests.Collections;

public sealed class CollectionNameTests
{
    [Theory]
    [InlineData("handbook", true)]
    [InlineData("hr-2026_eu", true)]
    [InlineData("0", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("Handbook", false)]
    [InlineData("-leading", false)]
    [InlineData("a/b", false)]
    [InlineData("..", false)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    public void Names_are_url_and_file_safe(string? name, bool valid) => Assert.Equal(valid, CollectionName.IsValid(name));
}
