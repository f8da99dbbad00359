using Microsoft.Extensions.AI;
using SlmRag.LlamaCpp.Chat;
using SlmRag.LlamaCpp.Training;
using SlmRag.Testing;
using SlmRag.Testing.Gguf;

namespace SlmRag.LlamaCpp.Tests.Training;

/// <summary>Fine-tuning random-weight models on the real library: the loss falls, the answers are learned, the file is whole.</summary>
public sealed class LlamaFineTunerTests
{
    private static FineTuneOptions Options(string directory, string model, string data, string output, int epochs, Action<FineTuneOptions>? _ = null) => new()
    {
        BaseModelPath = model,
        TrainingDataPath = data,
        OutputPath = output,
        Epochs = epochs,
        LearningRate = 3e-3f,
        ContextLength = 64,
        WorkDirectory = Path.Combine(directory, "work"),
    };

    [Fact]
    public async Task Training_lowers_the_loss_and_the_tuned_model_repeats_the_trained_answers_where_the_base_does_not()
    {
        const int count = 150;
        RepositoryPaths.RequireLlamaLibraries();
        using var directory = new TempDirectory();
        var model = TinyModels.WriteChatModel(Path.Combine(directory.Path, "base.gguf"));
        var data = TrainingData.Write(Path.Combine(directory.Path, "train.jsonl"), TrainingData.Pairs);
        var output = Path.Combine(directory.Path, "tuned.gguf");
        var epochs = new List<FineTuneEpoch>();
        var result = LlamaFineTuner.Run(new FineTuneOptions { BaseModelPath = model, TrainingDataPath = data, OutputPath = output, Epochs = count, LearningRate = 1e-3f, ContextLength = 64, WorkDirectory = Path.Combine(directory.Path, "work") }, new SynchronousProgress(p => { if (p.Finished is { } e) epochs.Add(e); }), TestContext.Current.CancellationToken);

        Assert.Equal(count, result.Epochs.Count);
        Assert.True(result.ConvertedToF32);
        Assert.True(result.Epochs[^1].TrainingLoss < 0.5 * result.Epochs[0].TrainingLoss, string.Join(", ", result.Epochs.Select(e => e.TrainingLoss.ToString("0.000"))));
        Assert.Equal(result.Epochs.Select(e => e.TrainingLoss), epochs.Select(e => e.TrainingLoss));

        Assert.False(Directory.Exists(Path.Combine(directory.Path, "work")));

        using (var tuned = LlamaModel.Load(output))
        {
            // Training overwrote the trained context with its 256-token window; the saved file has the base's back.
            Assert.Equal(1024, tuned.TrainedContextLength);
            Assert.Equal("base.gguf", tuned.Metadata["slmrag.finetune.base_model"]);
            Assert.Equal("slmrag-tiny-llama", tuned.Metadata["general.base_model.0.name"]);
            Assert.Equal("train.jsonl", tuned.Metadata["general.dataset.0.name"]);
            Assert.Equal("4", tuned.Metadata["slmrag.finetune.examples"]);
        }

        foreach (var (path, shouldMatch) in new[] { (output, true), (model, false) })
        {
            using var client = LlamaChatClient.Load(new LlamaChatOptions { ModelPath = path, ContextSize = 256 });
            var answers = new List<string>();
            foreach (var (question, _) in TrainingData.Pairs)
            {
                var response = await client.GetResponseAsync([new(ChatRole.System, TrainingData.System), new(ChatRole.User, question)],
                    new ChatOptions { Temperature = 0, MaxOutputTokens = 24, AdditionalProperties = new() { ["repeat_penalty"] = 1.0f } }, TestContext.Current.CancellationToken);
                answers.Add(response.Text.Trim());
            }

            var matched = answers.Where((a, i) => a == TrainingData.Pairs[i].Answer).Count();
            Assert.True(matched == (shouldMatch ? TrainingData.Pairs.Length : 0), $"{path}: {string.Join(" | ", answers)}");
        }
    }

    [Fact]
    public void Cancelling_mid_epoch_writes_no_output_and_a_second_run_resumes_after_the_last_finished_epoch()
    {
        RepositoryPaths.RequireLlamaLibraries();
        using var directory = new TempDirectory();
        var model = TinyModels.WriteChatModel(Path.Combine(directory.Path, "base.gguf"), type: GgufTensorType.F32);
        var data = TrainingData.Write(Path.Combine(directory.Path, "train.jsonl"), TrainingData.Pairs);
        var output = Path.Combine(directory.Path, "tuned.gguf");
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Epoch == 3 && p.Finished is null && p.Batch == 2)
            {
                cancel.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => LlamaFineTuner.Run(Options(directory.Path, model, data, output, 4), progress, cancel.Token));
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp", SearchOption.AllDirectories));

        var resumed = LlamaFineTuner.Run(Options(directory.Path, model, data, output, 4), null, TestContext.Current.CancellationToken);
        Assert.Equal(2, resumed.ResumedAfterEpoch);
        Assert.Equal([1, 2, 3, 4], resumed.Epochs.Select(e => e.Epoch));
        Assert.False(resumed.ConvertedToF32);
        using var tuned = LlamaModel.Load(output);
        Assert.Equal("4", tuned.Metadata["slmrag.finetune.epochs"]);
    }

    [Fact]
    public void A_bad_line_is_reported_with_its_number_before_anything_is_trained()
    {
        using var directory = new TempDirectory();
        var data = TrainingData.Write(Path.Combine(directory.Path, "train.jsonl"), TrainingData.Pairs);
        File.AppendAllLines(data, ["{\"messages\": [{\"role\": \"user\", \"content\": \"no answer\"}]}", "not json"]);
        var output = Path.Combine(directory.Path, "tuned.gguf");
        var error = Assert.Throws<FineTuneDataException>(() => LlamaFineTuner.Run(Options(directory.Path, "missing.gguf", data, output, 1), null, TestContext.Current.CancellationToken));
        Assert.Equal(5, error.Line);
        Assert.Contains("train.jsonl:5", error.Message, StringComparison.Ordinal);
        Assert.Contains("no assistant message", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(directory.Path, "work")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_training_step_takes_no_more_graph_nodes_than_the_budget_estimate(int layers)
    {
        RepositoryPaths.RequireLlamaLibraries();
        using var directory = new TempDirectory();
        var model = TinyModels.WriteChatModel(Path.Combine(directory.Path, "base.gguf"), shape: new TinyModelShape(Layers: layers), type: GgufTensorType.F32);
        var data = TrainingData.Write(Path.Combine(directory.Path, "train.jsonl"), TrainingData.Pairs.Take(1));
        var result = LlamaFineTuner.Run(Options(directory.Path, model, data, Path.Combine(directory.Path, "out.gguf"), 1), null, TestContext.Current.CancellationToken);
        Assert.True(result.GraphNodes > 0);
        // Above the need (or llama.cpp aborts), and not so far above that adapters are loaded for nothing.
        Assert.InRange(GraphBudget.Required(layers), result.GraphNodes, result.GraphNodes * 1.5);
    }

    [Fact]
    public void Tensor_filters_select_by_group_and_never_the_token_embeddings()
    {
        var attention = TensorFilter.Parse("attention,output");
        Assert.True(attention.Accepts("blk.0.attn_q.weight"));
        Assert.True(attention.Accepts("output.weight"));
        Assert.False(attention.Accepts("blk.0.ffn_up.weight"));
        Assert.False(attention.Accepts("blk.0.attn_norm.weight"));
        Assert.False(TensorFilter.All.Accepts("token_embd.weight"));
        Assert.True(TensorFilter.Parse("re:^blk\\.1\\.").Accepts("blk.1.ffn_down.weight"));
        Assert.Throws<ArgumentException>(() => TensorFilter.Parse("everything"));
    }

    private sealed class SynchronousProgress(Action<FineTuneProgress> report) : IProgress<FineTuneProgress>
    {
        public void Report(FineTuneProgress value) => report(value);
    }
}
