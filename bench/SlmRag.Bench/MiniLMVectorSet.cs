using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;
using SlmRag.Embeddings.MiniLM;
using SlmRag.Evaluation.Collections;
using SlmRag.Ingestion;
using SlmRag.Ingestion.Chunking;
using SlmRag.Ingestion.Extraction;

namespace SlmRag.Bench;

/// <summary>
/// Real sentence embeddings for the vector-index benchmark: the shared test collections' documents (Vaswani,
/// Cranfield) and SQuAD Normans paragraphs, chunked by the ingestion chunker with its default settings and
/// embedded with the bundled all-MiniLM-L6-v2 as the pipeline embeds a chunk (title, then text); the queries are
/// the collections' own questions. Embedding takes minutes, so the vectors are cached in one file and read
/// back on later runs; a time bound stops embedding early (the vectors so far are kept).
/// </summary>
internal static class MiniLMVectorSet
{
    private static readonly byte[] Magic = "SLMVEC01"u8.ToArray();

    public static (float[][] Vectors, float[][] Queries) Load(string shared, string cache, TimeSpan maxEmbedding)
    {
        if (File.Exists(cache))
        {
            return Read(cache);
        }

        var (texts, questions) = Texts(shared);
        using var generator = MiniLMEmbeddingGenerator.Load(new MiniLMOptions());
        var queries = Embed(generator, questions, TimeSpan.MaxValue);
        var watch = Stopwatch.StartNew();
        var vectors = Embed(generator, texts, maxEmbedding);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  embedded {vectors.Length:N0} of {texts.Count:N0} chunks in {watch.Elapsed.TotalSeconds:0} s ({vectors.Length / watch.Elapsed.TotalSeconds:0} chunks/s)"));
        Write(cache, vectors, queries);
        return (vectors, queries);
    }

    private static (List<string> Chunks, List<string> Questions) Texts(string shared)
    {
        var chunker = new StructuredChunker(new EstimatingTokenCounter(), Options.Create(new IngestionOptions()));
        var chunks = new List<string>();
        var questions = new List<string>();
        foreach (var name in new[] { "vaswani", "cranfield" })
        {
            var collection = TestCollectionReader.Read(Path.Combine(shared, "datasets", name));
            questions.AddRange(collection.Queries.Select(q => q.Text));
            foreach (var document in collection.Documents)
            {
                chunks.AddRange(Chunk(chunker, document.Title, document.Text));
            }
        }

        var squad = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(shared, "datasets", "squad-v2-normans", "dev-v2.0-normans.json")));
        foreach (var paragraph in squad.RootElement.GetProperty("data").EnumerateArray().SelectMany(a => a.GetProperty("paragraphs").EnumerateArray()))
        {
            chunks.AddRange(Chunk(chunker, "Normans", paragraph.GetProperty("context").GetString()!));
            questions.AddRange(paragraph.GetProperty("qas").EnumerateArray().Select(q => q.GetProperty("question").GetString()!));
        }

        return (chunks, questions);
    }

    private static IEnumerable<string> Chunk(StructuredChunker chunker, string title, string text)
    {
        var builder = new ExtractedTextBuilder(int.MaxValue);
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Add(BlockKind.Paragraph, paragraph);
        }

        var document = builder.Build(SourceFormat.PlainText, title, "document.txt");
        var prefix = title.Any(char.IsLetter) ? title + ". " : string.Empty;
        return chunker.Chunk(document).Select(d => prefix + document.Text[d.CharStart..d.CharEnd]);
    }

    private static float[][] Embed(MiniLMEmbeddingGenerator generator, List<string> texts, TimeSpan bound)
    {
        var watch = Stopwatch.StartNew();
        var vectors = new List<float[]>(texts.Count);
        foreach (var batch in texts.Chunk(256))
        {
            if (watch.Elapsed > bound)
            {
                break;
            }

            vectors.AddRange(generator.GenerateAsync(batch).GetAwaiter().GetResult().Select(e => e.Vector.ToArray()));
        }

        return [.. vectors];
    }

    private static void Write(string path, float[][] vectors, float[][] queries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new BinaryWriter(File.Create(path + ".tmp"), Encoding.UTF8, leaveOpen: false);
        writer.Write(Magic);
        writer.Write(vectors.Length);
        writer.Write(queries.Length);
        writer.Write(vectors[0].Length);
        foreach (var vector in vectors.Concat(queries))
        {
            foreach (var x in vector)
            {
                writer.Write(x);
            }
        }

        writer.Close();
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static (float[][] Vectors, float[][] Queries) Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"'{path}' is not a cached vector set of this version; delete it to embed again.");
        }

        var (count, queries, dimensions) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        var all = new float[count + queries][];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = new float[dimensions];
            reader.Read(System.Runtime.InteropServices.MemoryMarshal.AsBytes(all[i].AsSpan()));
        }

        return (all[..count], all[count..]);
    }
}
