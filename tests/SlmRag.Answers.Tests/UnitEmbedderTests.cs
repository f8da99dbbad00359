using Microsoft.Extensions.AI;
using SlmRag.Core.Retrieval;
using SlmRag.Embeddings.MiniLM;

namespace SlmRag.Answers.Tests;

/// <summary>The question's vector handed over from retrieval replaces embedding the question again, with the same similarities.</summary>
public sealed class UnitEmbedderTests : IDisposable
{
    private const string Question = "How many days of annual leave do new employees get?";
    private readonly MiniLMEmbeddingGenerator _model = MiniLMEmbeddingGenerator.Load(new MiniLMOptions());

    private static readonly AnalyzedSentence[] Units =
    [
        new(0, 0, [], "New employees receive 25 days of paid annual leave."),
        new(0, 0, [], "Travel by train is reimbursed in second class."),
        new(0, 0, [], "Leave requests go to your manager two weeks ahead."),
    ];

    public void Dispose() => _model.Dispose();

    [Fact]
    public async Task A_given_question_vector_is_not_embedded_again_and_gives_the_same_similarities()
    {
        var counted = new CountingGenerator(_model);
        var embedded = await _model.GenerateAsync([Question], cancellationToken: TestContext.Current.CancellationToken);
        var fromRetrieval = VectorMath.Normalize(embedded[0].Vector);

        var itself = await new UnitEmbedder(_model).MatchAsync(Question, Units, TestContext.Current.CancellationToken);
        var reusing = new UnitEmbedder(counted);
        var given = await reusing.MatchAsync(Question, Units, TestContext.Current.CancellationToken, fromRetrieval);

        Assert.Equal(Units.Select(u => u.Text), counted.Texts);
        foreach (var unit in Units)
        {
            Assert.Equal(itself.Of(unit)!.Value, given.Of(unit)!.Value, 5);
        }

        Assert.True(given.Of(Units[0]) > given.Of(Units[1]), "the leave sentence should be closer to the leave question than the travel one");

        // Every unit read before and the question given: the model is not called at all.
        var again = await reusing.MatchAsync(Question, Units, TestContext.Current.CancellationToken, fromRetrieval);
        Assert.Equal(3, counted.Texts.Count);
        Assert.Equal(given.Of(Units[2]), again.Of(Units[2]));
    }

    /// <summary>Records the texts the real model is asked to embed.</summary>
    private sealed class CountingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public List<string> Texts { get; } = [];

        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            Texts.AddRange(texts);
            return base.GenerateAsync(texts, options, cancellationToken);
        }
    }
}
