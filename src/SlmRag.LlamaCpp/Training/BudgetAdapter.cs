using System.Text;

namespace SlmRag.LlamaCpp.Training;

/// <summary>
/// llama.cpp sizes every graph at max(1024, 8 x model tensors) nodes plus 6 per LoRA tensor pair of each adapter
/// loaded on the model, and training's backward graph outgrows that beyond a few layers (GGML_ASSERT, the process
/// dies). A rank-1 LoRA adapter with zero weights, loaded on the model but never applied to the context, changes no
/// result and raises the budget through the adapter term of that sum. This writes such an adapter (a few MB).
/// </summary>
internal static class BudgetAdapter
{
    /// <summary>Nodes one adapter adds: 6 per pair (a, b, scale, add, two mat-muls), as llama.cpp counts them.</summary>
    public static int NodesPerAdapter(IReadOnlyList<GgufTensorInfo> targets) => targets.Count * 6;

    /// <summary>The weights an adapter can cover: the layers' 2-D F32 matrices.</summary>
    public static List<GgufTensorInfo> Targets(IEnumerable<GgufTensorInfo> tensors) =>
        [.. tensors.Where(t => t.IsMatrix && t.Type == 0 && t.Name.StartsWith("blk.", StringComparison.Ordinal) && t.Name.EndsWith(".weight", StringComparison.Ordinal))];

    public static void Write(string path, string architecture, IReadOnlyList<GgufTensorInfo> targets)
    {
        var tensors = targets.SelectMany(t => new[] { (Name: t.Name + ".lora_a", Dims: new[] { t.Ne0, 1L }), (Name: t.Name + ".lora_b", Dims: new[] { 1L, t.Ne1 }) }).ToList();
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write("GGUF"u8);
        writer.Write(3u);
        writer.Write((ulong)tensors.Count);
        writer.Write(4UL);
        WriteString(writer, "general.architecture", architecture);
        WriteString(writer, "general.type", "adapter");
        WriteString(writer, "adapter.type", "lora");
        WriteKey(writer, "adapter.lora.alpha");
        writer.Write(6u); // GGUF_TYPE_FLOAT32
        writer.Write(1f);
        ulong offset = 0;
        foreach (var (name, dims) in tensors)
        {
            WriteText(writer, name);
            writer.Write(2u);
            writer.Write((ulong)dims[0]);
            writer.Write((ulong)dims[1]);
            writer.Write(0u); // F32
            writer.Write(offset);
            offset += Align((ulong)(dims[0] * dims[1] * 4));
        }

        Pad(writer);
        foreach (var (_, dims) in tensors)
        {
            var bytes = (long)Align((ulong)(dims[0] * dims[1] * 4));
            writer.Write(new byte[bytes]);
        }
    }

    private static ulong Align(ulong value) => (value + 31) / 32 * 32;

    private static void Pad(BinaryWriter writer)
    {
        var position = (ulong)writer.BaseStream.Position;
        writer.Write(new byte[Align(position) - position]);
    }

    private static void WriteString(BinaryWriter writer, string key, string value)
    {
        WriteKey(writer, key);
        writer.Write(8u); // GGUF_TYPE_STRING
        WriteText(writer, value);
    }

    private static void WriteKey(BinaryWriter writer, string key) => WriteText(writer, key);

    private static void WriteText(BinaryWriter writer, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }
}
