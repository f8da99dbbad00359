namespace SlmRag.Embeddings.MiniLM.Onnx;

/// <summary>How a protobuf field's value is encoded on the wire (groups, wire types 3 and 4, are not supported: ONNX has none).</summary>
internal enum ProtoWireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    Fixed32 = 5,
}
