namespace SlmRag.Embeddings.MiniLM.Onnx;

/// <summary>
/// ONNX <c>ModelProto</c>: its graph (7) is read for rewriting and operator-set imports (8) can be listed and
/// added; every other field (IR version, producer, metadata, ...) passes through unchanged.
/// </summary>
internal sealed class OnnxModel
{
    private const int GraphField = 7, OpsetImportField = 8, OpsetDomainField = 1, OpsetVersionField = 2;

    private readonly List<ProtoField> _passedThrough;

    private OnnxModel(OnnxGraph graph, List<ProtoField> passedThrough)
    {
        Graph = graph;
        _passedThrough = passedThrough;
    }

    public OnnxGraph Graph { get; }

    /// <summary>The operator sets the model imports: domain ("" is the default ONNX domain) and version.</summary>
    public IEnumerable<(string Domain, long Version)> OpsetImports =>
        _passedThrough.Where(f => f.Number == OpsetImportField).Select(f =>
        {
            var fields = ProtoMessage.Parse(f.Value).Fields;
            var domain = fields.Where(v => v.Number == OpsetDomainField).Select(v => v.AsString()).LastOrDefault() ?? string.Empty;
            var version = fields.Where(v => v.Number == OpsetVersionField).Select(v => (long)v.AsVarint()).LastOrDefault();
            return (domain, version);
        });

    public static OnnxModel Read(ReadOnlyMemory<byte> bytes)
    {
        OnnxGraph? graph = null;
        var rest = new List<ProtoField>();
        foreach (var field in ProtoMessage.Parse(bytes).Fields)
        {
            if (field.Number == GraphField && graph is null)
            {
                graph = OnnxGraph.Read(field.Value);
            }
            else
            {
                rest.Add(field);
            }
        }

        return new OnnxModel(graph ?? throw new InvalidDataException("The ONNX model has no graph."), rest);
    }

    public void AddOpsetImport(string domain, long version)
    {
        if (!OpsetImports.Any(o => o.Domain == domain))
        {
            var import = new ProtoMessage([ProtoField.String(OpsetDomainField, domain), ProtoField.Varint(OpsetVersionField, (ulong)version)]);
            _passedThrough.Add(ProtoField.Bytes(OpsetImportField, import.ToArray()));
        }
    }

    public byte[] ToArray() =>
        ProtoMessage.Ordered([ProtoField.Bytes(GraphField, Graph.ToMessage().ToArray())], _passedThrough).ToArray();
}
