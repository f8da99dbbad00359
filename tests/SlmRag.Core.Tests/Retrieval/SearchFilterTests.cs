using SlmRag.Core.Retrieval;

namespace SlmRag.Core.Tests.Retrieval;

public sealed class SearchFilterTests
{
    [Theory]
    [InlineData(new string[0], new string[0], true)]
    [InlineData(new string[0], new[] { "hr" }, false)]
    [InlineData(new[] { "policy" }, new string[0], true)]
    public void The_public_sees_only_documents_without_an_access_list(string[] tags, string[] groups, bool allowed) =>
        Assert.Equal(allowed, SearchFilter.Public.Allows(tags, groups));

    [Fact]
    public void A_caller_sees_documents_shared_with_one_of_its_groups_and_carrying_every_tag()
    {
        var filter = new SearchFilter(["policy"], ["staff", "hr"]);

        Assert.True(filter.Allows(["policy", "2026"], ["hr", "board"]));
        Assert.False(filter.Allows(["policy"], ["board"]));
        Assert.False(filter.Allows(["2026"], ["hr"]));
        Assert.True(SearchFilter.Everything.Allows([], ["board"]));
    }
}
