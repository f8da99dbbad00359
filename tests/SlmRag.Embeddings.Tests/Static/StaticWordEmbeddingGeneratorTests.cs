using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using SlmRag.Core.Collections;
using SlmRag.Embeddings.Static;
using SlmRag.Testing;

namespace SlmRag.Embeddings.Tests.Static;

public sealed class StaticWordEmbeddingGeneratorTests
{
    private static StaticWordEmbeddingGenerator Generator(TempDirectory temp, double smoothing = 1e-3) =>
        new(TinyWordVectors.Write(Path.Combine(temp.Path, "tiny.slmvec")), smoothing, "tiny");

    private static async Task<float[]> EmbedAsync(StaticWordEmbeddingGenerator generator, string text) =>
        (await generator.GenerateAsync([text], cancellationToken: TestContext.Current.CancellationToken))[0].Vector.ToArray();

    [Fact]
    public async Task Texts_on_one_topic_are_closer_than_texts_on_different_topics()
    {
        using var temp = new TempDirectory();
        var generator = Generator(temp);

        var question = await EmbedAsync(generator, "How many vacation days do I get?");
        var leave = await EmbedAsync(generator, "Annual leave is 27 days; sick leave is separate.");
        var security = await EmbedAsync(generator, "Passwords and MFA protect your laptop account.");

        Assert.True(TensorPrimitives.Dot(question, leave) > TensorPrimitives.Dot(question, security) + 0.3);
    }

    [Fact]
    public async Task Vectors_are_unit_length_deterministic_and_batched_like_single_calls()
    {
        using var temp = new TempDirectory();
        var generator = Generator(temp);

        var batch = await generator.GenerateAsync(["salary and bonus", "meeting rooms"], cancellationToken: TestContext.Current.CancellationToken);
        var single = await EmbedAsync(generator, "salary and bonus");

        Assert.Equal(single, batch[0].Vector.ToArray());
        Assert.All(batch, e => Assert.Equal(1.0, TensorPrimitives.Norm(e.Vector.Span), 4));
        Assert.Equal(new float[8], await EmbedAsync(generator, "zzz qqq"));
    }

    [Fact]
    public void The_fingerprint_names_the_table_and_the_settings()
    {
        using var temp = new TempDirectory();
        var a = Generator(temp).GetService<EmbeddingModelFingerprint>();
        var b = Generator(temp, smoothing: 1e-2).GetService<EmbeddingModelFingerprint>();

        Assert.Equal(("static-sif:tiny", 8), (a!.Name, a.Dimensions));
        Assert.NotEqual(a, b);
        Assert.Equal(8, Generator(temp).GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
    }
}
