using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Collections;
using SlmRag.Embeddings.MiniLM;
using SlmRag.Testing;

namespace SlmRag.Embeddings.Tests.MiniLM;

public sealed class MiniLMEmbeddingGeneratorTests(MiniLMFixture fixture) : IClassFixture<MiniLMFixture>
{
    private readonly MiniLMEmbeddingGenerator _generator = fixture.Generator;

    private async Task<float[]> EmbedAsync(string text) =>
        (await _generator.GenerateAsync([text], cancellationToken: TestContext.Current.CancellationToken))[0].Vector.ToArray();

    [Fact]
    public async Task The_example_sentence_gets_the_published_vector()
    {
        // sentence-transformers' all-MiniLM-L6-v2 embeds this sentence as [0.0677, 0.0635, 0.0487, 0.0793, ...].
        var vector = await EmbedAsync("This is an example sentence");

        Assert.Equal(384, vector.Length);
        Assert.Equal([0.0677f, 0.0635f, 0.0487f, 0.0793f], vector[..4], (a, b) => Math.Abs(a - b) < 1e-3f);
    }

    [Fact]
    public async Task A_batch_of_mixed_lengths_equals_one_text_at_a_time_and_every_vector_has_unit_length()
    {
        string[] texts =
        [
            "Annual leave is 27 days.",
            string.Join(' ', Enumerable.Repeat("The fire assembly point is the car park behind building B.", 12)),
            "VPN",
            "Expenses are reimbursed within 30 days of a receipt being submitted to finance, in euros.",
        ];

        var batch = await _generator.GenerateAsync(texts, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(texts.Length, batch.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = await EmbedAsync(texts[i]);
            Assert.True(TensorPrimitives.Distance(single, batch[i].Vector.Span) < 1e-4f, $"text {i} differs in a batch");
            Assert.Equal(1.0, TensorPrimitives.Norm(batch[i].Vector.Span), 4);
        }
    }

    [Fact]
    public async Task Text_past_the_token_limit_does_not_change_the_vector()
    {
        var head = string.Join(' ', Enumerable.Range(0, 300).Select(i => $"policy{i % 17}"));
        var longer = head + " " + string.Join(' ', Enumerable.Repeat("completely different closing words about volcanoes", 40));

        Assert.Equal(256, _generator.Tokenize(head).Length);
        var first = await EmbedAsync(head);
        var second = await EmbedAsync(longer);
        Assert.True(TensorPrimitives.Distance(first, second) < 1e-5f);
    }

    [Fact]
    public async Task Paraphrases_are_closer_than_unrelated_texts()
    {
        var question = await EmbedAsync("How many vacation days do I get each year?");
        var answer = await EmbedAsync("Employees are entitled to 27 days of annual leave.");
        var unrelated = await EmbedAsync("The server room is cooled to 18 degrees.");

        Assert.True(TensorPrimitives.Dot(question, answer) > TensorPrimitives.Dot(question, unrelated) + 0.2f);
    }

    [Fact]
    public void The_fingerprint_names_the_model_its_size_and_a_hash_of_its_files()
    {
        var fingerprint = _generator.GetService<EmbeddingModelFingerprint>();

        Assert.NotNull(fingerprint);
        Assert.Equal("minilm:all-MiniLM-L6-v2", fingerprint.Name);
        Assert.Equal(384, fingerprint.Dimensions);
        Assert.Matches("^[0-9a-f]{16}-t256-mean$", fingerprint.Hash);
        Assert.Equal(384, _generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
    }

    [Fact]
    public async Task A_cancelled_call_stops_before_embedding()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _generator.GenerateAsync(["one", "two"], cancellationToken: cancelled.Token));
    }

    [Fact]
    public void A_missing_model_path_is_a_clear_error()
    {
        using var temp = new TempDirectory();
        var error = Assert.Throws<FileNotFoundException>(() => MiniLMEmbeddingGenerator.Load(new MiniLMOptions { ModelPath = Path.Combine(temp.Path, "none.dll") }));
        Assert.Contains("Embeddings:MiniLM:ModelPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MiniLM_in_int8_is_the_default_provider()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection().AddEmbeddings(configuration).BuildServiceProvider();

        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.Equal(36, Assert.IsType<MiniLMEmbeddingGenerator>(generator).QuantizedMatMuls);
        Assert.EndsWith("-int8", generator.GetService<EmbeddingModelFingerprint>()!.Hash, StringComparison.Ordinal);
    }
}
