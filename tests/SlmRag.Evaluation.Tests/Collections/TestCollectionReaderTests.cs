using SlmRag.Evaluation.Collections;
using SlmRag.Testing;

namespace SlmRag.Evaluation.Tests.Collections;

public sealed class TestCollectionReaderTests
{
    [Fact]
    public void Vaswani_reads_as_trec()
    {
        var collection = TestCollectionReader.Read(RepositoryPaths.RequireShared("datasets", "vaswani"));

        Assert.Equal(11429, collection.Documents.Count);
        Assert.Equal(93, collection.Queries.Count);
        Assert.Equal("1", collection.Documents[0].Id);
        Assert.StartsWith("compact memories have flexible capacities", collection.Documents[0].Text, StringComparison.Ordinal);
        Assert.Equal("MEASUREMENT OF DIELECTRIC CONSTANT OF LIQUIDS BY THE USE OF MICROWAVE TECHNIQUES", collection.Queries[0].Text);
        Assert.Equal(1, collection.Judgements["1"]["1239"]);
        Assert.All(collection.Queries, q => Assert.True(collection.Judgements.ContainsKey(q.Id)));
    }

    [Fact]
    public void Cranfield_reads_as_smart_with_queries_numbered_by_position()
    {
        var collection = TestCollectionReader.Read(RepositoryPaths.RequireShared("datasets", "cranfield"));

        Assert.Equal(1400, collection.Documents.Count);
        Assert.Equal(225, collection.Queries.Count);
        Assert.Equal("experimental investigation of the aerodynamics of a wing in a slipstream .", collection.Documents[0].Title);
        Assert.Equal(Enumerable.Range(1, 225).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), collection.Queries.Select(q => q.Id));
        Assert.StartsWith("what similarity laws", collection.Queries[0].Text, StringComparison.Ordinal);
        Assert.Equal(3, collection.Judgements["1"]["184"]);
        Assert.Equal(225, collection.Judgements.Count);
    }

    [Fact]
    public void Beir_layout_keeps_the_judged_queries()
    {
        using var temp = new TempDirectory();
        temp.File("corpus.jsonl", "{\"_id\":\"d1\",\"title\":\"Leave\",\"text\":\"27 days\"}\n{\"_id\":\"d2\",\"text\":\"Travel\"}\n");
        temp.File("queries.jsonl", "{\"_id\":\"q1\",\"text\":\"how much leave\"}\n{\"_id\":\"q2\",\"text\":\"unjudged\"}\n");
        temp.File("qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t2\n");

        var collection = TestCollectionReader.Read(temp.Path);

        Assert.Equal([("d1", "Leave"), ("d2", "")], collection.Documents.Select(d => (d.Id, d.Title)));
        Assert.Equal(["q1"], collection.Queries.Select(q => q.Id));
        Assert.Equal(2, collection.Judgements["q1"]["d1"]);
    }

    [Fact]
    public void An_unknown_layout_is_refused_with_the_accepted_ones_named()
    {
        using var temp = new TempDirectory();
        temp.File("notes.txt", "just text");

        var error = Assert.Throws<InvalidDataException>(() => TestCollectionReader.Read(temp.Path));

        Assert.Contains("BEIR, TREC or SMART", error.Message, StringComparison.Ordinal);
    }
}
