namespace SlmRag.Embeddings.MiniLM.Onnx;

/// <summary>
/// ONNX <c>GraphProto</c>: its nodes (1) and initializers (5) are read into lists that a rewrite may change; the
/// graph's inputs, outputs, value infos and the rest pass through unchanged.
/// </summary>
internal sealed class OnnxGraph
{
    private const int NodeField = 1, InitializerField = 5, OutputField = 12, ValueInfoNameField = 1;

    private readonly List<ProtoField> _passedThrough;

    private OnnxGraph(List<OnnxNode> nodes, List<OnnxTensor> initializers, List<ProtoField> passedThrough)
    {
        Nodes = nodes;
        Initializers = initializers;
        _passedThrough = passedThrough;
    }

    public List<OnnxNode> Nodes { get; }

    public List<OnnxTensor> Initializers { get; }

    /// <summary>The names of the graph's outputs (ValueInfoProto.name).</summary>
    public IEnumerable<string> OutputNames =>
        _passedThrough.Where(f => f.Number == OutputField)
            .Select(f => ProtoMessage.Parse(f.Value).Fields.FirstOrDefault(v => v.Number == ValueInfoNameField))
            .Where(f => f.Number == ValueInfoNameField)
            .Select(f => f.AsString());

    public static OnnxGraph Read(ReadOnlyMemory<byte> bytes)
    {
        var nodes = new List<OnnxNode>();
        var initializers = new List<OnnxTensor>();
        var rest = new List<ProtoField>();
        foreach (var field in ProtoMessage.Parse(bytes).Fields)
        {
            switch (field.Number)
            {
                case NodeField:
                    nodes.Add(OnnxNode.Read(field.Value));
                    break;
                case InitializerField:
                    initializers.Add(OnnxTensor.Read(field.Value));
                    break;
                default:
                    rest.Add(field);
                    break;
            }
        }

        return new OnnxGraph(nodes, initializers, rest);
    }

    public ProtoMessage ToMessage() =>
        ProtoMessage.Ordered(
            Nodes.Select(n => ProtoField.Bytes(NodeField, n.ToMessage().ToArray()))
                .Concat(Initializers.Select(t => ProtoField.Bytes(InitializerField, t.ToMessage().ToArray()))),
            _passedThrough);
}
