namespace SlmRag.LlamaCpp.Training;

/// <summary>What <see cref="LlamaFineTuner"/> trains, on what, and how.</summary>
public sealed class FineTuneOptions
{
    /// <summary>The model to start from (any GGUF llama.cpp loads; F16 and quantized weights are converted to F32 first).</summary>
    public required string BaseModelPath { get; init; }

    /// <summary>Chat-format JSONL (see <see cref="ChatExampleReader"/>).</summary>
    public required string TrainingDataPath { get; init; }

    /// <summary>Optional held-out conversations in the same format: their loss is reported per epoch, they are never trained on.</summary>
    public string? ValidationDataPath { get; init; }

    /// <summary>Where the tuned GGUF is written (via a temporary file and a rename, so it is whole or absent).</summary>
    public required string OutputPath { get; init; }

    public int Epochs { get; init; } = 3;

    /// <summary>AdamW's learning rate.</summary>
    public float LearningRate { get; init; } = 1e-4f;

    public float WeightDecay { get; init; }

    /// <summary>Tokens per example window; llama.cpp rounds it up to a multiple of 256. Longer examples are refused with their line.</summary>
    public int ContextLength { get; init; } = 512;

    /// <summary>Tokens computed per step (n_ubatch): a divisor of the context; 0 uses the whole context. Gradients
    /// are accumulated over the window, so the optimizer steps once per example whatever this is.</summary>
    public int MicroBatch { get; init; }

    /// <summary>Which tensors train; see <see cref="TensorFilter"/>.</summary>
    public string Tensors { get; init; } = "all";

    public int Threads { get; init; } = 1;

    /// <summary>Seeds the order the examples are visited in each epoch.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Continue from the last finished epoch's checkpoint when one for the same base, data and settings exists.</summary>
    public bool Resume { get; init; } = true;

    /// <summary>Forces the prompt format (as LlamaCpp:Chat:ChatTemplate); empty uses the model's template.</summary>
    public string? ChatTemplate { get; init; }

    public string? NativeLibraryPath { get; init; }

    /// <summary>Where the F32 copy, checkpoints and state go; default: "&lt;output&gt;.work" beside the output.</summary>
    public string? WorkDirectory { get; init; }
}
