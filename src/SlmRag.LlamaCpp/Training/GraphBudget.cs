namespace SlmRag.LlamaCpp.Training;

/// <summary>
/// Checks, before llama_opt_init, that the training graph fits llama.cpp's node budget, and raises the budget with
/// zero rank-1 adapters (<see cref="BudgetAdapter"/>) when it does not; past what adapters can cover it refuses with
/// an error instead of letting GGML_ASSERT kill the process.
/// </summary>
internal static class GraphBudget
{
    /// <summary>Nodes one llama layer adds to a training step (forward, backward, optimizer): 139-140 measured with
    /// this llama.cpp on 1-3 layer models (167, 307, 446 nodes), plus 10% for architectures with biases or extra norms.</summary>
    public const int NodesPerLayer = 154;

    /// <summary>Nodes outside the layers (embeddings, output, loss): 28 measured, with headroom.</summary>
    public const int FixedNodes = 64;

    /// <summary>Adapters loaded at most: each costs memory and load time.</summary>
    public const int MaxAdapters = 64;

    public const string AdapterFile = "graph-budget-lora.gguf";

    public static int Required(int layers) => FixedNodes + NodesPerLayer * layers;

    /// <summary>llama.cpp's budget for a model without adapters: max(1024, 8 x tensors).</summary>
    public static int Default(int tensorCount) => Math.Max(1024, 8 * tensorCount);

    /// <summary>Loads as many budget adapters as the model needs (on the model, never on a context); the caller keeps
    /// them until training ends (a collected handle would free its adapter and shrink the budget again).</summary>
    public static List<LlamaLoraAdapter> Raise(LlamaModel model, IReadOnlyList<GgufTensorInfo> tensors, string architecture, int contextLength, string work)
    {
        var required = Required(model.LayerCount);
        var budget = Default(tensors.Count);
        if (required <= budget)
        {
            return [];
        }

        var targets = BudgetAdapter.Targets(tensors);
        var perAdapter = BudgetAdapter.NodesPerAdapter(targets);
        var adapters = perAdapter == 0 ? int.MaxValue : (required - budget + perAdapter - 1) / perAdapter;
        if (adapters > MaxAdapters)
        {
            throw new LlamaException($"Training this {model.LayerCount}-layer model needs about {required} graph nodes; llama.cpp allows {budget}, and {MaxAdapters} budget adapters cannot raise it far enough. Use a shallower model.");
        }

        var path = Path.Combine(work, AdapterFile);
        BudgetAdapter.Write(path, architecture, targets);
        // Never applied to a context, the adapters compute nothing; only their count enters the budget.
        return [.. Enumerable.Range(0, adapters).Select(_ => model.LoadAdapter(path, 0f))];
    }
}
