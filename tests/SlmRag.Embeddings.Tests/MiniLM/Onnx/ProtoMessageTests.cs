using SlmRag.Embeddings.MiniLM;
using SlmRag.Embeddings.MiniLM.Onnx;

namespace SlmRag.Embeddings.Tests.MiniLM.Onnx;

public sealed class ProtoMessageTests
{
    [Fact]
    public void The_real_model_read_and_written_unchanged_is_the_same_bytes()
    {
        var original = MiniLMModelFiles.Read(MiniLMModelFiles.Resolve(string.Empty)).Model;

        var model = OnnxModel.Read(original);
        var written = model.ToArray();

        // The typed layer really read the graph (not one opaque blob passed through): BERT's nodes and weights.
        Assert.True(model.Graph.Nodes.Count > 100, $"{model.Graph.Nodes.Count} nodes");
        Assert.Contains(model.Graph.Nodes, n => n.IsStandard("MatMul"));
        Assert.Contains(model.Graph.Initializers, t => t.Dims is [384, 1536] && t.DataType == OnnxTensor.Float);
        Assert.Equal(original.Length, written.Length);
        Assert.True(original.AsSpan().SequenceEqual(written), "the re-encoded model differs from the file");
    }

    [Fact]
    public void Fields_of_every_wire_type_round_trip_and_decode()
    {
        byte[] bytes =
        [
            0x08, 0x96, 0x01,                   // field 1 varint 150
            0x11, 1, 2, 3, 4, 5, 6, 7, 8,       // field 2 fixed64
            0x1A, 0x03, (byte)'a', (byte)'b', (byte)'c', // field 3 "abc"
            0x25, 0x00, 0x00, 0x80, 0x3F,       // field 4 fixed32 1.0f
            0x80, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, // field 16 varint ulong.MaxValue
        ];

        var message = ProtoMessage.Parse(bytes);

        Assert.Equal([1, 2, 3, 4, 16], message.Fields.Select(f => f.Number));
        Assert.Equal(150UL, message.Fields[0].AsVarint());
        Assert.Equal("abc", message.Fields[2].AsString());
        Assert.Equal(1.0f, message.Fields[3].AsFixed32Float());
        Assert.Equal(ulong.MaxValue, message.Fields[4].AsVarint());
        Assert.Equal(bytes, message.ToArray());
    }

    [Fact]
    public void A_node_built_in_code_reads_back_with_its_fields_and_an_absent_name_stays_absent()
    {
        var node = new OnnxNode(null, "DynamicQuantizeMatMul", "com.microsoft", ["x", "w", "s", "", "b"], ["y"]);

        var read = OnnxNode.Read(node.ToMessage().ToArray());

        Assert.Null(read.Name);
        Assert.Equal("DynamicQuantizeMatMul", read.OpType);
        Assert.Equal("com.microsoft", read.Domain);
        Assert.Equal(["x", "w", "s", "", "b"], read.Inputs);
        Assert.Equal(["y"], read.Outputs);
    }

    [Theory]
    [InlineData(new byte[] { 0x0A, 0x05, 1, 2 })]          // length 5, 2 bytes left
    [InlineData(new byte[] { 0x08, 0x80 })]                // varint cut off
    [InlineData(new byte[] { 0x0B, 0x00 })]                // wire type 3 (group)
    [InlineData(new byte[] { 0x15, 0x00, 0x00 })]          // fixed32 cut off
    public void Malformed_bytes_are_refused(byte[] bytes)
    {
        Assert.Throws<InvalidDataException>(() => ProtoMessage.Parse(bytes));
    }
}
