using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using SlmRag.Core.Collections;
using SlmRag.LlamaCpp.Embeddings;
using SlmRag.Testing;

namespace SlmRag.LlamaCpp.Tests.Embeddings;

public sealed class LlamaEmbeddingGeneratorTests(TinyModelFiles files) : IClassFixture<TinyModelFiles>
{
    private static readonly string[] Texts =
    [
        "leave",
        "How many days of annual leave does an employee have per year?",
        "the travel expense policy",
        "Grüße: naïve café 東京",
        "",
        "security password laptop office manager approval request report year week month hours remote work working company",
    ];

    public static TheoryData<string, EmbeddingPooling> Models => new()
    {
        { "bert-cls", EmbeddingPooling.Model },
        { "bert-cls", EmbeddingPooling.Mean },
        { "causal-mean", EmbeddingPooling.Model },
        { "causal-last", EmbeddingPooling.Model },
        { "chat", EmbeddingPooling.Last },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public async Task A_batch_of_different_lengths_equals_embedding_one_by_one(string model, EmbeddingPooling pooling)
    {
        using var generator = Load(model, pooling);
        var batch = await generator.GenerateAsync(Texts, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(Texts.Length, batch.Count);
        for (var i = 0; i < Texts.Length; i++)
        {
            var alone = await generator.GenerateAsync([Texts[i]], cancellationToken: TestContext.Current.CancellationToken);
            var similarity = TensorPrimitives.CosineSimilarity(alone[0].Vector.Span, batch[i].Vector.Span);
            Assert.True(similarity > 0.9999f, $"text {i}: cosine {similarity}");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Vectors_are_unit_length_deterministic_and_tell_texts_apart(string model, EmbeddingPooling pooling)
    {
        using var generator = Load(model, pooling);
        var first = await generator.GenerateAsync(Texts, cancellationToken: TestContext.Current.CancellationToken);
        var again = await generator.GenerateAsync(Texts, cancellationToken: TestContext.Current.CancellationToken);
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(64, first[i].Vector.Length);
            Assert.Equal(1f, TensorPrimitives.Norm(first[i].Vector.Span), 3);
            Assert.Equal(first[i].Vector.ToArray(), again[i].Vector.ToArray());
        }

        Assert.True(TensorPrimitives.CosineSimilarity(first[1].Vector.Span, first[2].Vector.Span) < 0.999f);
    }

    [Fact]
    public async Task Pooling_choices_give_different_vectors_and_different_fingerprints()
    {
        using var cls = Load("bert-cls", EmbeddingPooling.Model);
        using var mean = Load("bert-cls", EmbeddingPooling.Mean);
        var a = await cls.GenerateAsync([Texts[1]], cancellationToken: TestContext.Current.CancellationToken);
        var b = await mean.GenerateAsync([Texts[1]], cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(TensorPrimitives.CosineSimilarity(a[0].Vector.Span, b[0].Vector.Span) < 0.999f);
        var fa = cls.GetService<EmbeddingModelFingerprint>()!;
        var fb = mean.GetService<EmbeddingModelFingerprint>()!;
        Assert.Equal(64, fa.Dimensions);
        Assert.NotEqual(fa.Hash, fb.Hash);
    }

    [Fact]
    public async Task Texts_longer_than_the_context_are_truncated_not_fatal()
    {
        using var generator = Load("bert-cls", EmbeddingPooling.Model, contextSize: 32);
        var longText = string.Join(' ', Enumerable.Repeat("employee leave policy", 100));
        var result = await generator.GenerateAsync([longText, "leave"], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, result.Count);
        Assert.Equal(32 + Tokens(generator, "leave"), result.Usage!.InputTokenCount);
    }

    [Fact]
    public void A_model_that_does_not_pool_needs_a_pooling_setting()
    {
        var error = Assert.Throws<LlamaException>(() => Load("chat", EmbeddingPooling.Model));
        Assert.Contains("LlamaCpp:Embeddings:Pooling", error.Message);
    }

    private static int Tokens(LlamaEmbeddingGenerator generator, string text) =>
        generator.GetService<LlamaModel>()!.Tokenizer.Tokenize(text, addSpecial: true).Length;

    private LlamaEmbeddingGenerator Load(string model, EmbeddingPooling pooling, int contextSize = 0)
    {
        RepositoryPaths.RequireLlamaLibraries();
        var path = model switch
        {
            "bert-cls" => files.BertCls,
            "causal-mean" => files.CausalMean,
            "causal-last" => files.CausalLast,
            _ => files.NoTemplate,
        };
        return LlamaEmbeddingGenerator.Load(new LlamaEmbeddingOptions { ModelPath = path, Pooling = pooling, ContextSize = contextSize, MaxSequencesPerBatch = 4 });
    }
}
