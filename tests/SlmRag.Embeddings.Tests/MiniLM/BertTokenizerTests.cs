using SlmRag.Embeddings.MiniLM;

namespace SlmRag.Embeddings.Tests.MiniLM;

/// <summary>
/// Token ids against the reference uncased BERT tokenizer. The expected ids were derived once with
/// tools/bert-reference/reference_tokens.py (the published algorithm written independently in Python,
/// with Python's own Unicode normalisation) over the bundled vocab.txt; the token strings are in the comments.
/// </summary>
public sealed class BertTokenizerTests
{
    private static readonly BertTokenizer Tokenizer = LoadBundled();

    [Theory]
    // this is an example sentence
    [InlineData("This is an example sentence", new[] { 101, 2023, 2003, 2019, 2742, 6251, 102 })]
    // newlines, tabs and CRLF separate words: line one line two tab end
    [InlineData("Line one\nline two\ttab\r\nend", new[] { 101, 2240, 2028, 2240, 2048, 21628, 2203, 102 })]
    // accents stripped: cafe naive resume nan ##du
    [InlineData("Café naïve résumé Ñandú", new[] { 101, 7668, 15743, 13746, 16660, 8566, 102 })]
    // "°" is a symbol, not punctuation, so it stays inside its word; "=" is ASCII punctuation: it 10 ##° ##c , x = 5 .
    [InlineData("It was 10°C, x=5.", new[] { 101, 2009, 2001, 2184, 7737, 2278, 1010, 1060, 1027, 1019, 1012, 102 })]
    // every CJK ideograph its own word; 爱 is not in the vocabulary: 我 [UNK] 北 京 and 東 京
    [InlineData("我爱北京 and 東京", new[] { 101, 1855, 100, 1781, 1755, 1998, 1879, 1755, 102 })]
    // punctuation runs split into single marks
    [InlineData("Wait!!! What?!... (yes) [no] {maybe}", new[] { 101, 3524, 999, 999, 999, 2054, 1029, 999, 1012, 1012, 1012, 1006, 2748, 1007, 1031, 2053, 1033, 1063, 2672, 1065, 102 })]
    // a long word in word pieces: super ##cal ##if ##rag ##ilis ##tic ##ex ##pia ##lid ##oc ##ious
    [InlineData("supercalifragilisticexpialidocious", new[] { 101, 3565, 9289, 10128, 29181, 24411, 4588, 10288, 19312, 21273, 10085, 6313, 102 })]
    // format characters (zero-width space, soft hyphen) are removed, joining the words around them
    [InlineData("zero\u200Bwidth soft\u00ADhyphen", new[] { 101, 5717, 9148, 11927, 2232, 3730, 10536, 8458, 2368, 102 })]
    // Hangul syllables decompose into jamo: ᄒ ##ᅡ ##ᆫ ##ᄀ ##ᅮ ##ᆨ ##ᄋ ##ᅥ
    [InlineData("한국어", new[] { 101, 1469, 30006, 30021, 29991, 30014, 30020, 29999, 30008, 102 })]
    // st ##raße istanbul σ ##ο ##φ ##ια (İ decomposes to I + dot above)
    [InlineData("Straße İstanbul ΣΟΦΊΑ", new[] { 101, 2358, 27807, 9960, 1173, 29730, 29736, 27432, 102 })]
    // special-token text is plain text: [ cl ##s ] hello
    [InlineData("[CLS] hello", new[] { 101, 1031, 18856, 2015, 1033, 7592, 102 })]
    // non-breaking and ideographic spaces separate; control characters vanish, joining their neighbours: a b cd
    [InlineData("a\u00A0b\u3000c\u0007d", new[] { 101, 1037, 1038, 3729, 102 })]
    [InlineData("", new[] { 101, 102 })]
    public void Matches_the_reference_tokenizer(string text, int[] expected) =>
        Assert.Equal(expected, Tokenizer.Encode(text, 256));

    [Fact]
    public void A_word_longer_than_100_characters_is_unknown()
    {
        Assert.Equal([101, Tokenizer.UnknownId, 102], Tokenizer.Encode(new string('a', 101), 256));
        Assert.NotEqual(Tokenizer.UnknownId, Tokenizer.Encode(new string('a', 100), 256)[1]);
    }

    [Fact]
    public void Long_texts_are_cut_to_the_limit_with_the_separator_kept()
    {
        var text = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"word{i}"));
        var full = Tokenizer.Encode(text, 4096);
        var cut = Tokenizer.Encode(text, 256);

        Assert.True(full.Length > 256);
        Assert.Equal(256, cut.Length);
        Assert.Equal(full[..255], cut[..255]);
        Assert.Equal(Tokenizer.SepId, cut[^1]);
    }

    [Fact]
    public void Words_are_the_normalised_basic_tokens()
    {
        Assert.Equal(["hello", ",", "world", "!", "東", "x"], BertTokenizer.Words("Héllo,\tWOR\u200Dld!東x"));
    }

    [Fact]
    public void A_vocabulary_without_special_tokens_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => BertTokenizer.Load(new MemoryStream("a\nb\nc\nd\ne\n"u8.ToArray())));
        Assert.Contains("[PAD]", error.Message, StringComparison.Ordinal);
    }

    private static BertTokenizer LoadBundled()
    {
        var files = MiniLMModelFiles.Read(MiniLMModelFiles.Resolve(string.Empty));
        return BertTokenizer.Load(new MemoryStream(files.Vocabulary));
    }
}
