using System.Text;

namespace SlmRag.Ingestion.Detection;

/// <summary>Decodes text files: BOMs first, then strict UTF-8, then Latin-1 so no byte is ever lost or fails.</summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="isPrefix">True for the head of a file, which may end inside a multi-byte sequence.</param>
    public static string Decode(ReadOnlySpan<byte> bytes, bool isPrefix = false)
    {
        if (bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            return Encoding.UTF8.GetString(bytes[3..]);
        }

        if (bytes.StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }

        if (bytes.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // A sniffed head may end inside a multi-byte sequence; only fall back when the error is not at the end.
            for (var cut = 1; isPrefix && cut <= 3 && cut < bytes.Length; cut++)
            {
                try
                {
                    return StrictUtf8.GetString(bytes[..^cut]);
                }
                catch (DecoderFallbackException)
                {
                    // try a shorter prefix
                }
            }

            return Encoding.Latin1.GetString(bytes);
        }
    }
}
