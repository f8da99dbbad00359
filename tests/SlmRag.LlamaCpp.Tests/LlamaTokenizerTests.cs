using SlmRag.Testing;

namespace SlmRag.LlamaCpp.Tests;

public sealed class LlamaTokenizerTests(TinyModelFiles files) : IClassFixture<TinyModelFiles>
{
    public static TheoryData<string> Texts => new()
    {
        "the employee leave policy",
        "Hello, world! How many days?",
        "Grüße aus Köln: naïve café, 東京, emoji 🙂 and math ∑",
        "tabs\tand\nnewlines  with  double spaces",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Round_trips_unicode_through_a_sentencepiece_vocabulary(string text) => RoundTrip(files.Chat, text);

    [Theory]
    [MemberData(nameof(Texts))]
    public void Round_trips_unicode_through_a_byte_level_bpe_vocabulary(string text) => RoundTrip(files.ChatBpe, text);

    [Fact]
    public void Known_words_become_single_tokens_and_counts_are_exact()
    {
        RepositoryPaths.RequireLlamaLibraries();
        using var model = LlamaModel.Load(files.Chat);
        var tokens = model.Tokenizer.Tokenize("the employee policy", addSpecial: false);
        Assert.Equal(3, tokens.Length);
        Assert.Equal(3, model.Tokenizer.CountTokens("the employee policy"));
        Assert.Equal(model.Tokenizer.BeginningOfSequence, model.Tokenizer.Tokenize("the", addSpecial: true)[0]);
    }

    [Fact]
    public void Special_token_text_stays_text_unless_asked()
    {
        RepositoryPaths.RequireLlamaLibraries();
        using var model = LlamaModel.Load(files.Chat);
        var asText = model.Tokenizer.Tokenize("<|im_end|>", addSpecial: false, parseSpecial: false);
        var asControl = model.Tokenizer.Tokenize("<|im_end|>", addSpecial: false, parseSpecial: true);
        Assert.Single(asControl);
        Assert.True(asText.Length > 1);
        Assert.DoesNotContain(asControl[0], asText);
    }

    [Fact]
    public void Token_ids_outside_the_vocabulary_are_refused_before_the_native_call()
    {
        RepositoryPaths.RequireLlamaLibraries();
        using var model = LlamaModel.Load(files.Chat);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Tokenizer.Detokenize([new LlamaToken(model.Tokenizer.VocabularySize)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Tokenizer.Detokenize([new LlamaToken(-1)]));
    }

    private static void RoundTrip(string modelPath, string text)
    {
        RepositoryPaths.RequireLlamaLibraries();
        using var model = LlamaModel.Load(modelPath, new LlamaModelLoadOptions { VocabularyOnly = true });
        var tokens = model.Tokenizer.Tokenize(text, addSpecial: false);
        Assert.NotEmpty(tokens);
        Assert.Equal(text, model.Tokenizer.Detokenize(tokens));
    }
}
