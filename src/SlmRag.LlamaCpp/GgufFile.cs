namespace SlmRag.LlamaCpp;

/// <summary>Checks a file is a GGUF file before llama.cpp opens it, so a wrong path gets a plain answer.</summary>
internal static class GgufFile
{
    public static void CheckHeader(string path)
    {
        if (!File.Exists(path))
        {
            throw new LlamaException($"The model file {path} does not exist.");
        }

        Span<byte> header = stackalloc byte[8];
        using var stream = File.OpenRead(path);
        if (stream.ReadAtLeast(header, 8, throwOnEndOfStream: false) < 8 || !header[..4].SequenceEqual("GGUF"u8))
        {
            throw new LlamaException($"{path} is not a GGUF file (it does not start with 'GGUF').");
        }

        var version = BitConverter.ToUInt32(header[4..]);
        if (version is < 2 or > 3)
        {
            throw new LlamaException($"{path} is GGUF version {version}; llama.cpp reads versions 2 and 3.");
        }
    }
}
