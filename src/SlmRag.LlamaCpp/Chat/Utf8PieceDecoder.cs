using System.Text;

namespace SlmRag.LlamaCpp.Chat;

/// <summary>
/// Turns token pieces into text as they stream. A piece can end inside a UTF-8 character (byte-fallback
/// and byte-level BPE tokens split multi-byte characters); the decoder keeps those bytes until the character completes.
/// </summary>
internal sealed class Utf8PieceDecoder
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
    private readonly char[] _chars = new char[256];

    public string Decode(ReadOnlySpan<byte> piece)
    {
        if (piece.IsEmpty)
        {
            return string.Empty;
        }

        var count = _decoder.GetChars(piece, _chars, flush: false);
        return new string(_chars, 0, count);
    }

    /// <summary>Bytes left incomplete at the end become U+FFFD.</summary>
    public string Flush()
    {
        var count = _decoder.GetChars([], _chars, flush: true);
        return new string(_chars, 0, count);
    }
}
