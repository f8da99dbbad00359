using SlmRag.Core.Documents;

namespace SlmRag.Core.Tests.Documents;

public sealed class DocumentIdsTests
{
    [Fact]
    public void Ids_are_deterministic_and_distinct_per_collection_and_key()
    {
        Assert.Equal(DocumentIds.ForKey("hr", "leave.md"), DocumentIds.ForKey("hr", "leave.md"));
        Assert.NotEqual(DocumentIds.ForKey("hr", "leave.md"), DocumentIds.ForKey("it", "leave.md"));
        // The separator keeps ("a", "b\nc") and ("a\nb", "c") apart.
        Assert.NotEqual(DocumentIds.ForKey("hr", "a"), DocumentIds.ForKey("h", "ra"));
        Assert.Matches("^[0-9a-f]{32}$", DocumentIds.ForKey("hr", "leave.md"));
    }

    [Fact]
    public void A_documents_access_list_is_part_of_its_id_in_any_order_and_none_keeps_the_key_only_id()
    {
        Assert.Equal(DocumentIds.ForKey("hr", "leave.md"), DocumentIds.ForScope("hr", "leave.md", []));
        Assert.NotEqual(DocumentIds.ForKey("hr", "leave.md"), DocumentIds.ForScope("hr", "leave.md", ["hr"]));
        Assert.Equal(DocumentIds.ForScope("hr", "leave.md", ["hr", "it", "hr"]), DocumentIds.ForScope("hr", "leave.md", ["it", "hr"]));
        Assert.NotEqual(DocumentIds.ForScope("hr", "leave.md", ["hr"]), DocumentIds.ForScope("hr", "leave.md", ["hr", "it"]));
        // Length prefixes keep ["a,b"] and ["a", "b"] (or any joined spelling) apart.
        Assert.NotEqual(DocumentIds.ForScope("hr", "k", ["1:a1:b"]), DocumentIds.ForScope("hr", "k", ["a", "b"]));
        Assert.Matches("^[0-9a-f]{32}$", DocumentIds.ForScope("hr", "leave.md", ["hr"]));
    }

    [Fact]
    public void Chunk_ids_change_with_ordinal_and_content()
    {
        var document = DocumentIds.ForKey("hr", "leave.md");
        var id = DocumentIds.ForChunk(document, 0, DocumentIds.HashText("a"));

        Assert.Equal(id, DocumentIds.ForChunk(document, 0, DocumentIds.HashText("a")));
        Assert.NotEqual(id, DocumentIds.ForChunk(document, 1, DocumentIds.HashText("a")));
        Assert.NotEqual(id, DocumentIds.ForChunk(document, 0, DocumentIds.HashText("b")));
    }

    [Fact]
    public void Metadata_comparison_ignores_order_but_not_content()
    {
        var a = new DocumentMetadata(["x", "y"], "https://a.example", ["hr", "it"]);

        Assert.True(a.SameAs(new DocumentMetadata(["y", "x"], "https://a.example", ["it", "hr"])));
        Assert.False(a.SameAs(a with { AccessGroups = ["hr"] }));
        Assert.False(a.SameAs(a with { SourceUrl = null }));
        Assert.False(a.SameAs(a with { Title = "T" }));
    }
}
