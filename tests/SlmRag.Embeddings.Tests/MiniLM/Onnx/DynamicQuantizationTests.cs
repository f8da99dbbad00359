using SlmRag.Embeddings.MiniLM;
using SlmRag.Embeddings.MiniLM.Onnx;

namespace SlmRag.Embeddings.Tests.MiniLM.Onnx;

public sealed class DynamicQuantizationTests
{
    private static readonly byte[] FloatModel = MiniLMModelFiles.Read(MiniLMModelFiles.Resolve(string.Empty)).Model;

    [Fact]
    public void Every_weight_product_becomes_int8_with_its_bias_folded_in()
    {
        var model = OnnxModel.Read(FloatModel);
        var floatWeights = model.Graph.Nodes.Where(n => n.IsStandard("MatMul")).Select(n => n.Inputs[1])
            .Where(name => model.Graph.Initializers.Any(t => t.Name == name && t.Dims.Length == 2)).ToList();
        var weightProducts = floatWeights.Count;

        var count = DynamicQuantization.QuantizeMatMuls(model);
        var reread = OnnxModel.Read(model.ToArray());

        // 6 layers x (Q, K, V, attention output, two feed-forward) = 36 in all-MiniLM-L6-v2.
        Assert.Equal(36, weightProducts);
        Assert.Equal(weightProducts, count);
        var quantized = reread.Graph.Nodes.Where(n => n.OpType == "DynamicQuantizeMatMul").ToList();
        Assert.Equal(count, quantized.Count);
        Assert.All(quantized, n => Assert.Equal(DynamicQuantization.MicrosoftDomain, n.Domain));
        Assert.All(quantized, n => Assert.Equal(5, n.Inputs.Count));
        Assert.DoesNotContain(reread.Graph.Nodes, n => n.IsStandard("MatMul") && reread.Graph.Initializers.Any(t => t.Name == n.Inputs[1]));
        Assert.Contains(reread.OpsetImports, o => o.Domain == DynamicQuantization.MicrosoftDomain);
        // The float weights are gone, not kept beside their int8 copy.
        Assert.DoesNotContain(reread.Graph.Initializers, t => floatWeights.Contains(t.Name!));
        // Each layer's bias Add went into its product.
        Assert.Equal(OnnxModel.Read(FloatModel).Graph.Nodes.Count(n => n.IsStandard("Add")) - count, reread.Graph.Nodes.Count(n => n.IsStandard("Add")));
    }

    [Fact]
    public void Int8_weights_times_their_column_scale_are_within_half_a_step_of_the_float_weights()
    {
        var original = OnnxModel.Read(FloatModel);
        var rewritten = OnnxModel.Read(FloatModel);
        DynamicQuantization.QuantizeMatMuls(rewritten);
        var node = rewritten.Graph.Nodes.First(n => n.OpType == "DynamicQuantizeMatMul");
        var floatNode = original.Graph.Nodes.First(n => n.Name == node.Name);
        var weights = original.Graph.Initializers.Single(t => t.Name == floatNode.Inputs[1]).ReadFloats();
        var codes = rewritten.Graph.Initializers.Single(t => t.Name == node.Inputs[1]);
        var scales = rewritten.Graph.Initializers.Single(t => t.Name == node.Inputs[2]).ReadFloats();
        var columns = (int)codes.Dims[1];

        Assert.Equal(OnnxTensor.Int8, codes.DataType);
        var raw = codes.RawData!.Value.Span;
        var largest = new float[columns];
        for (var i = 0; i < weights.Length; i++)
        {
            var code = (sbyte)raw[i];
            Assert.InRange(code, -127, 127);
            Assert.True(Math.Abs((code * scales[i % columns]) - weights[i]) <= (scales[i % columns] / 2) + 1e-7f, $"weight {i}");
            largest[i % columns] = Math.Max(largest[i % columns], Math.Abs(weights[i]));
        }

        // Symmetric per column: the largest magnitude of each column maps to 127.
        Assert.All(Enumerable.Range(0, columns), c => Assert.Equal(largest[c] / 127f, scales[c], 1e-6f));
    }
}
