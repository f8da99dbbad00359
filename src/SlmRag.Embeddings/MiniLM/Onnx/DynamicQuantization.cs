namespace SlmRag.Embeddings.MiniLM.Onnx;

/// <summary>
/// Dynamic int8 quantisation of an ONNX graph's weight products: every standard <c>MatMul</c> whose second input is
/// a 2-D float initializer becomes ONNX Runtime's <c>com.microsoft.DynamicQuantizeMatMul</c>, with the weights stored
/// as int8, one symmetric scale per output column (max |w| / 127, no zero point), and the activations quantised to
/// uint8 per call by the operator itself. A following <c>Add</c> of a 1-D float initializer (the layer's bias) is
/// folded into the operator's bias input, which saves a pass over the output.
/// </summary>
internal static class DynamicQuantization
{
    public const string MicrosoftDomain = "com.microsoft";

    /// <summary>Rewrites <paramref name="model"/> in place; returns how many MatMuls now run int8.</summary>
    public static int QuantizeMatMuls(OnnxModel model)
    {
        var graph = model.Graph;
        var initializers = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        foreach (var tensor in graph.Initializers.Where(t => t.Name is not null))
        {
            initializers[tensor.Name!] = tensor;
        }

        var consumers = graph.Nodes.SelectMany(n => n.Inputs.Where(i => i.Length > 0).Select(i => (Input: i, Node: n)))
            .ToLookup(p => p.Input, p => p.Node, StringComparer.Ordinal);
        var graphOutputs = graph.OutputNames.ToHashSet(StringComparer.Ordinal);
        var names = new HashSet<string>(initializers.Keys.Concat(graph.Nodes.SelectMany(n => n.Outputs)), StringComparer.Ordinal);
        var folded = new HashSet<OnnxNode>(ReferenceEqualityComparer.Instance);
        var added = new List<OnnxTensor>();
        var rewritten = new List<OnnxNode>(graph.Nodes.Count);
        var count = 0;
        foreach (var node in graph.Nodes)
        {
            if (folded.Contains(node))
            {
                continue;
            }

            if (!node.IsStandard("MatMul") || node.Inputs.Count != 2 || !initializers.TryGetValue(node.Inputs[1], out var weights)
                || weights.DataType != OnnxTensor.Float || weights.Dims.Length != 2)
            {
                rewritten.Add(node);
                continue;
            }

            var (quantized, scales) = Quantize(weights, names);
            added.Add(quantized);
            added.Add(scales);
            List<string> inputs = [node.Inputs[0], quantized.Name!, scales.Name!];
            var outputs = node.Outputs;
            if (BiasAdd(node, weights.Dims[1], consumers, graphOutputs, initializers) is { } add)
            {
                inputs.Add(string.Empty); // no zero point: the weights are symmetric
                inputs.Add(add.Inputs[0] == node.Outputs[0] ? add.Inputs[1] : add.Inputs[0]);
                outputs = add.Outputs;
                folded.Add(add);
            }

            rewritten.Add(new OnnxNode(node.Name, "DynamicQuantizeMatMul", MicrosoftDomain, inputs, outputs));
            count++;
        }

        graph.Nodes.Clear();
        graph.Nodes.AddRange(rewritten);
        var stillUsed = rewritten.SelectMany(n => n.Inputs).ToHashSet(StringComparer.Ordinal);
        graph.Initializers.RemoveAll(t => t.Name is not null && !stillUsed.Contains(t.Name) && added.TrueForAll(a => a.Name != t.Name));
        graph.Initializers.AddRange(added);
        if (count > 0)
        {
            model.AddOpsetImport(MicrosoftDomain, 1);
        }

        return count;
    }

    /// <summary>The single consumer of the MatMul's output if it adds a bias of the output's width, else null.</summary>
    private static OnnxNode? BiasAdd(OnnxNode matMul, long columns, ILookup<string, OnnxNode> consumers, HashSet<string> graphOutputs, Dictionary<string, OnnxTensor> initializers)
    {
        var output = matMul.Outputs[0];
        var users = consumers[output].ToList();
        if (graphOutputs.Contains(output) || users.Count != 1 || !users[0].IsStandard("Add") || users[0].Inputs.Count != 2)
        {
            return null;
        }

        var add = users[0];
        var other = add.Inputs[0] == output ? add.Inputs[1] : add.Inputs[0];
        return other != output && initializers.TryGetValue(other, out var bias) && bias.DataType == OnnxTensor.Float
            && bias.Dims is [var width] && width == columns ? add : null;
    }

    private static (OnnxTensor Quantized, OnnxTensor Scales) Quantize(OnnxTensor weights, HashSet<string> names)
    {
        var rows = checked((int)weights.Dims[0]);
        var columns = checked((int)weights.Dims[1]);
        var values = weights.ReadFloats();
        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                scales[c] = MathF.Max(scales[c], MathF.Abs(values[(r * columns) + c]));
            }
        }

        for (var c = 0; c < columns; c++)
        {
            // A column of zeros keeps scale 1 so nothing divides by zero; its codes are all 0 either way.
            scales[c] = scales[c] > 0 ? scales[c] / 127f : 1f;
        }

        var codes = new byte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            codes[i] = (byte)(sbyte)Math.Clamp(MathF.Round(values[i] / scales[i % columns]), -127f, 127f);
        }

        var scaleBytes = new byte[columns * sizeof(float)];
        Buffer.BlockCopy(scales, 0, scaleBytes, 0, scaleBytes.Length);
        return (new OnnxTensor(UniqueName(weights.Name + "_int8", names), [rows, columns], OnnxTensor.Int8, codes),
            new OnnxTensor(UniqueName(weights.Name + "_scale", names), [columns], OnnxTensor.Float, scaleBytes));
    }

    private static string UniqueName(string wanted, HashSet<string> names)
    {
        var name = wanted;
        for (var i = 1; !names.Add(name); i++)
        {
            name = $"{wanted}_{i}";
        }

        return name;
    }
}
