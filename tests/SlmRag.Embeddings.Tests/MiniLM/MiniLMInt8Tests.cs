using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SlmRag.Core.Collections;
using SlmRag.Embeddings.MiniLM;

namespace SlmRag.Embeddings.Tests.MiniLM;

public sealed class MiniLMInt8Tests(MiniLMInt8Fixture fixture) : IClassFixture<MiniLMInt8Fixture>
{
    // Real sentences of different kinds and lengths: a handbook line, a question, an abstract of the Cranfield kind, code-like text.
    private static readonly string[] Sentences =
    [
        "This is an example sentence",
        "How many vacation days do I get each year?",
        "Employees are entitled to 27 days of annual leave, and unused days may be carried over until the end of March.",
        "experimental investigation of the aerodynamics of a wing in a slipstream . an experimental study of a wing in a propeller slipstream was made in order to determine the spanwise distribution of the lift increase due to slipstream at different angles of attack of the wing.",
        "The VPN client (v4.2) must be restarted after changing the proxy: sudo systemctl restart vpnd",
        "Les congés payés sont de 27 jours par an.",
    ];

    [Fact]
    public async Task Int8_vectors_point_where_the_float_vectors_do()
    {
        var float32 = await fixture.Float32.GenerateAsync(Sentences, cancellationToken: TestContext.Current.CancellationToken);
        var int8 = await fixture.Int8.GenerateAsync(Sentences, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(36, fixture.Int8.QuantizedMatMuls);
        for (var i = 0; i < Sentences.Length; i++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(float32[i].Vector.Span, int8[i].Vector.Span);
            TestContext.Current.TestOutputHelper?.WriteLine($"{cosine:0.0000}  {Sentences[i][..Math.Min(40, Sentences[i].Length)]}");
            // Measured 0.98xx-0.99xx for these sentences (see the test output); 0.97 leaves margin yet fails a broken rewrite (unrelated texts are < 0.5).
            Assert.True(cosine >= 0.97f, $"cosine {cosine} for sentence {i}");
            Assert.True(cosine < 0.999999f, "the int8 model returned the float vector: nothing was quantised");
        }
    }

    [Fact]
    public async Task An_int8_vector_does_not_depend_on_the_texts_embedded_with_it()
    {
        // DynamicQuantizeMatMul quantises its whole input with one scale: batched, a text's vector moved with its batch-mates
        // (cosine 0.981-0.994 for these sentences), so Int8 runs texts one at a time and a chunk gets its text's query vector.
        var together = await fixture.Int8.GenerateAsync(Sentences, cancellationToken: TestContext.Current.CancellationToken);
        for (var i = 0; i < Sentences.Length; i++)
        {
            var alone = (await fixture.Int8.GenerateAsync([Sentences[i]], cancellationToken: TestContext.Current.CancellationToken))[0];
            Assert.True(TensorPrimitives.Distance(alone.Vector.Span, together[i].Vector.Span) < 1e-5f, $"sentence {i} differs when embedded with others");
        }
    }

    [Fact]
    public async Task A_short_call_spread_over_two_threads_gives_each_text_its_own_vector_in_order()
    {
        using var oneThread = MiniLMEmbeddingGenerator.Load(new MiniLMOptions { ParallelRuns = 1 });
        string[] texts = [.. Sentences, .. Sentences.Select(s => s.ToUpperInvariant() + " Again."), "Short.", "x"];
        Assert.InRange(texts.Length, 2, MiniLMEmbeddingGenerator.ParallelCallTexts);

        var spread = await fixture.Int8.GenerateAsync(texts, cancellationToken: TestContext.Current.CancellationToken);
        var sequential = await oneThread.GenerateAsync(texts, cancellationToken: TestContext.Current.CancellationToken);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(TensorPrimitives.Distance(spread[i].Vector.Span, sequential[i].Vector.Span) < 1e-5f, $"text {i} differs on two threads");
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    public void A_parallel_run_count_out_of_range_is_refused_at_start_with_the_setting_named(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Embeddings:MiniLM:ParallelRuns"] = value }).Build();
        using var services = new ServiceCollection().AddEmbeddings(configuration).BuildServiceProvider();

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IOptions<EmbeddingsOptions>>().Value);

        Assert.Contains("Embeddings:MiniLM:ParallelRuns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Int8_keeps_the_ranking_of_a_paraphrase_over_an_unrelated_text()
    {
        var vectors = await fixture.Int8.GenerateAsync(
            ["How many vacation days do I get each year?", "Employees are entitled to 27 days of annual leave.", "The server room is cooled to 18 degrees."],
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(TensorPrimitives.Dot(vectors[0].Vector.Span, vectors[1].Vector.Span) > TensorPrimitives.Dot(vectors[0].Vector.Span, vectors[2].Vector.Span) + 0.2f);
    }

    [Fact]
    public void Int8_has_its_own_fingerprint_so_float_collections_are_refused_until_reindexed()
    {
        var float32 = fixture.Float32.GetService<EmbeddingModelFingerprint>()!;
        var int8 = fixture.Int8.GetService<EmbeddingModelFingerprint>()!;

        Assert.NotEqual(float32, int8);
        Assert.Equal(float32.Name, int8.Name);
        Assert.Equal(float32.Dimensions, int8.Dimensions);
        Assert.Matches("^[0-9a-f]{16}-t256-mean-int8$", int8.Hash);
        Assert.Equal(0, fixture.Float32.QuantizedMatMuls);
    }

    [Theory]
    [InlineData("Int4")]
    [InlineData("7")]
    public void An_unknown_precision_is_refused_at_start_with_the_setting_named(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Embeddings:MiniLM:Precision"] = value }).Build();
        using var services = new ServiceCollection().AddEmbeddings(configuration).BuildServiceProvider();

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IOptions<EmbeddingsOptions>>().Value);

        Assert.Contains("Embeddings:MiniLM:Precision", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Float32_from_configuration_loads_the_model_as_published()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Embeddings:MiniLM:Precision"] = "float32" }).Build();
        using var services = new ServiceCollection().AddEmbeddings(configuration).BuildServiceProvider();

        var generator = Assert.IsType<MiniLMEmbeddingGenerator>(services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());

        Assert.Equal(0, generator.QuantizedMatMuls);
        Assert.Matches("^[0-9a-f]{16}-t256-mean$", generator.GetService<EmbeddingModelFingerprint>()!.Hash);
    }
}
