using System.Text.Json;

namespace SlmRag.LlamaCpp.Training;

/// <summary>The state file of a run's last finished epoch and the checkpoint GGUF it names.</summary>
internal sealed record FineTuneCheckpoint(string RunKey, int CompletedEpochs, List<FineTuneEpoch> Epochs)
{
    public const string StateFile = "checkpoint.json";

    public string ModelFile => $"checkpoint-{CompletedEpochs}.gguf";

    public static FineTuneCheckpoint? Load(string directory, string runKey)
    {
        var state = Path.Combine(directory, StateFile);
        if (!File.Exists(state))
        {
            return null;
        }

        try
        {
            var checkpoint = JsonSerializer.Deserialize<FineTuneCheckpoint>(File.ReadAllText(state));
            return checkpoint is not null && checkpoint.RunKey == runKey && File.Exists(Path.Combine(directory, checkpoint.ModelFile)) ? checkpoint : null;
        }
        catch (JsonException)
        {
            // A state file cut short is the same as none: training starts over.
            return null;
        }
    }

    /// <summary>Writes the epoch's model under a new name, then the state that names it, then drops the previous
    /// checkpoint: a crash at any point leaves a state file naming a whole model.</summary>
    public void Save(string directory, Action<string> saveModel, FineTuneCheckpoint? previous)
    {
        var model = Path.Combine(directory, ModelFile);
        saveModel(model + ".tmp");
        File.Move(model + ".tmp", model, overwrite: true);
        var state = Path.Combine(directory, StateFile);
        File.WriteAllText(state + ".tmp", JsonSerializer.Serialize(this));
        File.Move(state + ".tmp", state, overwrite: true);
        if (previous is not null && previous.ModelFile != ModelFile)
        {
            File.Delete(Path.Combine(directory, previous.ModelFile));
        }
    }
}
