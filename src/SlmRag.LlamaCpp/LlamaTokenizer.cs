using System.Buffers;
using System.Text;
using SlmRag.Core.Chunking;
using SlmRag.LlamaCpp.Native;

namespace SlmRag.LlamaCpp;

/// <summary>A model's own tokenizer: exact token counts for chunk and prompt budgets. Thread-safe (llama.cpp's tokenizer is).</summary>
public sealed unsafe class LlamaTokenizer : ITokenCounter
{
    private readonly LlamaModel _model;

    internal LlamaTokenizer(LlamaModel model)
    {
        _model = model;
        VocabularySize = LlamaNative.llama_vocab_n_tokens(model.Vocabulary);
        BeginningOfSequence = new LlamaToken(LlamaNative.llama_vocab_bos(model.Vocabulary));
        EndOfSequence = new LlamaToken(LlamaNative.llama_vocab_eos(model.Vocabulary));
        Name = $"llama:{Path.GetFileNameWithoutExtension(model.Path)}:{VocabularySize}";
    }

    public string Name { get; }

    public int VocabularySize { get; }

    public LlamaToken BeginningOfSequence { get; }

    public LlamaToken EndOfSequence { get; }

    /// <summary>Tokens of plain text as the model would see it in a prompt body (no BOS, special tokens kept as text).</summary>
    public int CountTokens(ReadOnlySpan<char> text) => Tokenize(text, addSpecial: false, parseSpecial: false).Length;

    /// <param name="addSpecial">Adds BOS/EOS where the model's vocabulary asks for them.</param>
    /// <param name="parseSpecial">Turns special-token text (e.g. <c>&lt;|im_start|&gt;</c>) into those tokens; only for trusted template text.</param>
    public LlamaToken[] Tokenize(ReadOnlySpan<char> text, bool addSpecial = true, bool parseSpecial = false)
    {
        var ids = TokenizeIds(text, addSpecial, parseSpecial);
        var tokens = new LlamaToken[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            tokens[i] = new LlamaToken(ids[i]);
        }

        return tokens;
    }

    internal int[] TokenizeIds(ReadOnlySpan<char> text, bool addSpecial, bool parseSpecial)
    {
        var byteCount = Encoding.UTF8.GetByteCount(text);
        var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(byteCount, 1));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, bytes);
            // No tokenizer emits more tokens than bytes, plus the special tokens it may add.
            var capacity = length + 8;
            while (true)
            {
                var result = new int[capacity];
                int count;
                fixed (byte* t = bytes)
                fixed (int* r = result)
                {
                    count = LlamaNative.llama_tokenize(_model.Vocabulary, t, length, r, capacity, addSpecial, parseSpecial);
                }

                if (count == int.MinValue)
                {
                    throw new LlamaException("The text is too long to tokenize (more than 2^31 tokens).");
                }

                if (count >= 0)
                {
                    return count == capacity ? result : result[..count];
                }

                capacity = -count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Text of tokens; special tokens rendered only when <paramref name="renderSpecial"/>.</summary>
    public string Detokenize(ReadOnlySpan<LlamaToken> tokens, bool renderSpecial = false)
    {
        var ids = new int[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            ids[i] = CheckToken(tokens[i].Id);
        }

        var capacity = Math.Max(16, tokens.Length * 8);
        while (true)
        {
            var buffer = new byte[capacity];
            int length;
            fixed (int* t = ids)
            fixed (byte* b = buffer)
            {
                length = LlamaNative.llama_detokenize(_model.Vocabulary, t, ids.Length, b, capacity, removeSpecial: false, unparseSpecial: renderSpecial);
            }

            if (length >= 0)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }

            capacity = -length;
        }
    }

    public bool IsEndOfGeneration(LlamaToken token) => LlamaNative.llama_vocab_is_eog(_model.Vocabulary, CheckToken(token.Id));

    /// <summary>The bytes a token stands for (possibly part of a UTF-8 character); returns how many were written.</summary>
    internal int TokenToPiece(int token, Span<byte> buffer, bool renderSpecial)
    {
        CheckToken(token);
        fixed (byte* b = buffer)
        {
            var length = LlamaNative.llama_token_to_piece(_model.Vocabulary, token, b, buffer.Length, 0, renderSpecial);
            if (length < 0)
            {
                throw new LlamaException($"Token {token} needs {-length} bytes; the buffer has {buffer.Length}.");
            }

            return length;
        }
    }

    /// <summary>Refuses ids outside the vocabulary before they reach llama.cpp, which would assert and abort the process.</summary>
    internal int CheckToken(int id)
    {
        if ((uint)id >= (uint)VocabularySize)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Token {id} is outside the vocabulary (0..{VocabularySize - 1}).");
        }

        return id;
    }
}
