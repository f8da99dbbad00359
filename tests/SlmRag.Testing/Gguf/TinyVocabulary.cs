using System.Text;

namespace SlmRag.Testing.Gguf;

/// <summary>
/// Small tokenizer vocabularies written into test GGUF files: SentencePiece-style ("llama", with byte
/// fallback so any Unicode text round-trips) and GPT-2 byte-level BPE ("gpt2", with merges). Both carry
/// ChatML control tokens.
/// </summary>
public sealed class TinyVocabulary
{
    private static readonly string[] Words =
    [
        "the", "of", "and", "to", "in", "is", "for", "that", "on", "with", "as", "are", "be", "by", "this", "it", "or",
        "from", "at", "an", "not", "have", "has", "was", "which", "can", "will", "all", "their", "more", "other", "employee",
        "employees", "leave", "days", "policy", "holiday", "travel", "expense", "security", "password", "laptop", "office",
        "manager", "approval", "request", "report", "year", "week", "month", "hours", "remote", "work", "working", "company",
        "answer", "question", "document", "source", "sources", "context", "user", "system", "assistant", "hello", "world",
        "json", "true", "false", "null", "name", "value", "number", "how", "many", "what", "when", "where", "who", "does",
        "must", "should", "may", "per", "each", "new", "old", "first", "last", "time", "data", "model", "token", "tokens",
    ];

    private TinyVocabulary(string model, List<string> tokens, List<float> scores, List<int> types, List<string>? merges,
        int bos, int eos, int unknown, int padding)
    {
        Model = model;
        Tokens = tokens;
        Scores = scores;
        Types = types;
        Merges = merges;
        Bos = bos;
        Eos = eos;
        Unknown = unknown;
        Padding = padding;
    }

    public string Model { get; }

    public IReadOnlyList<string> Tokens { get; }

    public IReadOnlyList<float> Scores { get; }

    public IReadOnlyList<int> Types { get; }

    public IReadOnlyList<string>? Merges { get; }

    public int Bos { get; }

    public int Eos { get; }

    public int Unknown { get; }

    public int Padding { get; }

    public int Count => Tokens.Count;

    /// <summary>SentencePiece-style: control tokens, 256 byte tokens, characters, word prefixes; padded to <paramref name="size"/>.</summary>
    public static TinyVocabulary SentencePiece(int size = 0)
    {
        var tokens = new List<string> { "<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>" };
        var types = new List<int> { 2, 3, 3, 3, 3 };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add($"<0x{b:X2}>");
            types.Add(6);
        }

        var pieces = new List<string> { "\u2581" };
        for (var c = 33; c < 127; c++)
        {
            pieces.Add(((char)c).ToString());
        }

        foreach (var word in Words)
        {
            for (var length = 1; length <= word.Length; length++)
            {
                pieces.Add("\u2581" + word[..length]);
            }
        }

        foreach (var piece in pieces.Distinct())
        {
            tokens.Add(piece);
            types.Add(1);
        }

        Pad(tokens, types, size, i => $"\u2581q{i}");
        var scores = tokens.Select((t, i) => types[i] == 1 ? t.Length : 0f).ToList();
        return new TinyVocabulary("llama", tokens, scores, types, null, bos: 1, eos: 2, unknown: 0, padding: 0);
    }

    /// <summary>GPT-2 byte-level BPE: 256 byte symbols, merges building common words, then control tokens.</summary>
    public static TinyVocabulary BytePairs(int size = 0)
    {
        var map = ByteSymbols();
        var tokens = new List<string>(map);
        var types = Enumerable.Repeat(1, tokens.Count).ToList();
        var merges = new List<string>();
        var known = new HashSet<string>(tokens);
        foreach (var word in Words)
        {
            foreach (var form in new[] { word, " " + word })
            {
                var symbols = Encoding.UTF8.GetBytes(form).Select(b => map[b]).ToList();
                var current = symbols[0];
                for (var i = 1; i < symbols.Count; i++)
                {
                    var merged = current + symbols[i];
                    if (known.Add(merged))
                    {
                        merges.Add($"{current} {symbols[i]}");
                        tokens.Add(merged);
                        types.Add(1);
                    }

                    current = merged;
                }
            }
        }

        Pad(tokens, types, size - 3, i => $"q{i}");
        var endOfText = tokens.Count;
        tokens.AddRange(["<|endoftext|>", "<|im_start|>", "<|im_end|>"]);
        types.AddRange([3, 3, 3]);
        var scores = Enumerable.Repeat(0f, tokens.Count).ToList();
        return new TinyVocabulary("gpt2", tokens, scores, types, merges, bos: endOfText, eos: endOfText, unknown: -1, padding: endOfText);
    }

    internal void WriteTo(GgufWriter writer, bool addBos = true)
    {
        writer.Add("tokenizer.ggml.model", Model)
            .Add("tokenizer.ggml.tokens", Tokens)
            .Add("tokenizer.ggml.scores", Scores)
            .Add("tokenizer.ggml.token_type", Types)
            .Add("tokenizer.ggml.bos_token_id", (uint)Bos)
            .Add("tokenizer.ggml.eos_token_id", (uint)Eos)
            .Add("tokenizer.ggml.padding_token_id", (uint)Padding)
            .Add("tokenizer.ggml.add_bos_token", addBos)
            .Add("tokenizer.ggml.add_eos_token", false);
        if (Unknown >= 0)
        {
            writer.Add("tokenizer.ggml.unknown_token_id", (uint)Unknown);
        }

        if (Merges is not null)
        {
            writer.Add("tokenizer.ggml.merges", Merges).Add("tokenizer.ggml.pre", "gpt-2");
        }
    }

    private static void Pad(List<string> tokens, List<int> types, int size, Func<int, string> name)
    {
        for (var i = 0; tokens.Count < size; i++)
        {
            tokens.Add(name(i));
            types.Add(1);
        }
    }

    /// <summary>GPT-2's reversible byte-to-printable-character table.</summary>
    private static string[] ByteSymbols()
    {
        var map = new string[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[b] = ((char)(printable ? b : next++)).ToString();
        }

        return map;
    }
}
