namespace SlmRag.Embeddings.MiniLM.Onnx;

/// <summary>
/// ONNX <c>NodeProto</c>: input (1), output (2), name (3), op_type (4) and domain (7) are read; attributes, doc
/// string and anything else pass through unchanged. A field absent on the wire stays absent (null name or domain).
/// </summary>
internal sealed class OnnxNode
{
    private const int InputField = 1, OutputField = 2, NameField = 3, OpTypeField = 4, DomainField = 7;

    private readonly List<ProtoField> _passedThrough;

    public OnnxNode(string? name, string opType, string? domain, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs)
        : this(name, opType, domain, inputs, outputs, [])
    {
    }

    private OnnxNode(string? name, string? opType, string? domain, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, List<ProtoField> passedThrough)
    {
        Name = name;
        OpType = opType;
        Domain = domain;
        Inputs = inputs;
        Outputs = outputs;
        _passedThrough = passedThrough;
    }

    public string? Name { get; }

    public string? OpType { get; }

    public string? Domain { get; }

    public IReadOnlyList<string> Inputs { get; }

    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Whether this is an operator of the default ONNX domain (absent, empty or "ai.onnx").</summary>
    public bool IsStandard(string opType) => OpType == opType && Domain is null or "" or "ai.onnx";

    public static OnnxNode Read(ReadOnlyMemory<byte> bytes)
    {
        string? name = null, opType = null, domain = null;
        var inputs = new List<string>();
        var outputs = new List<string>();
        var rest = new List<ProtoField>();
        foreach (var field in ProtoMessage.Parse(bytes).Fields)
        {
            switch (field.Number)
            {
                case InputField:
                    inputs.Add(field.AsString());
                    break;
                case OutputField:
                    outputs.Add(field.AsString());
                    break;
                case NameField:
                    name = field.AsString();
                    break;
                case OpTypeField:
                    opType = field.AsString();
                    break;
                case DomainField:
                    domain = field.AsString();
                    break;
                default:
                    rest.Add(field);
                    break;
            }
        }

        return new OnnxNode(name, opType, domain, inputs, outputs, rest);
    }

    public ProtoMessage ToMessage()
    {
        var known = new List<ProtoField>();
        known.AddRange(Inputs.Select(i => ProtoField.String(InputField, i)));
        known.AddRange(Outputs.Select(o => ProtoField.String(OutputField, o)));
        if (Name is not null)
        {
            known.Add(ProtoField.String(NameField, Name));
        }

        if (OpType is not null)
        {
            known.Add(ProtoField.String(OpTypeField, OpType));
        }

        if (Domain is not null)
        {
            known.Add(ProtoField.String(DomainField, Domain));
        }

        return ProtoMessage.Ordered(known, _passedThrough);
    }
}
