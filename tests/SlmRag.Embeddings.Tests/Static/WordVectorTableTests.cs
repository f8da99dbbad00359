using SlmRag.Embeddings.Static;
using SlmRag.Testing;

namespace SlmRag.Embeddings.Tests.Static;

public sealed class WordVectorTableTests
{
    [Fact]
    public void A_saved_table_loads_back_identically_with_a_content_fingerprint()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "tiny.slmvec");

        var table = TinyWordVectors.Write(path);
        var again = WordVectorTable.Load(path);

        Assert.Equal(table.Words, again.Words);
        Assert.True(table.TryGetRank("vacation", out var rank));
        Assert.Equal(table.Vector(rank).ToArray(), again.Vector(rank).ToArray());
        Assert.Equal(table.CommonComponent, again.CommonComponent);
        Assert.Matches("^[0-9a-f]{16}$", again.Fingerprint);
        Assert.Equal(table.Fingerprint, again.Fingerprint);
    }

    [Fact]
    public void Truncated_or_foreign_files_are_refused()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "tiny.slmvec");
        TinyWordVectors.Write(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^10]);

        Assert.Throws<InvalidDataException>(() => WordVectorTable.Load(path));
        Assert.Throws<InvalidDataException>(() => WordVectorTable.Load(temp.File("other.bin", "not vectors at all")));
    }

    [Fact]
    public void The_wink_json_imports_in_frequency_order()
    {
        using var temp = new TempDirectory();
        var json = temp.File("wink.json", """
            {"precision":8,"l2NormIndex":3,"wordIndex":4,"size":3,"dimensions":3,
             "words":["the","cat","dog"],
             "vectors":{"dog":[0,1,0,1,2],"the":[1,0,0,1,0],"cat":[0,0.9,0.1,0.9,1]},
             "unkVector":[0,0,0,0,-1]}
            """);

        var table = WinkVectorsImporter.Import(json);

        Assert.Equal(["the", "cat", "dog"], table.Words);
        Assert.Equal(3, table.Dimensions);
        Assert.True(table.TryGetRank("dog", out var dog));
        Assert.Equal([(Half)0, (Half)1, (Half)0], table.Vector(dog).ToArray());
    }

    [Fact]
    public void Json_that_is_not_word_vectors_is_refused()
    {
        using var temp = new TempDirectory();
        Assert.Throws<InvalidDataException>(() => WinkVectorsImporter.Import(temp.File("x.json", """{"words":[]}""")));
    }
}
