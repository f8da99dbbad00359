using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using SlmRag.LlamaCpp.Chat;
using SlmRag.LlamaCpp.Native;

namespace SlmRag.LlamaCpp.Training;

/// <summary>
/// Fine-tunes a GGUF model in-process with llama.cpp's training API (full weights, AdamW), on the assistant turns
/// of chat-format JSONL. Runs on the calling thread; cancellation stops within a micro-batch and leaves the output
/// untouched; each finished epoch is checkpointed so a later run with the same inputs resumes after it.
/// </summary>
public static unsafe class LlamaFineTuner
{
    /// <summary>llama.cpp rounds a context up to this many tokens.</summary>
    public const int ContextGranularity = 256;

    public static FineTuneResult Run(FineTuneOptions options, IProgress<FineTuneProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var contextLength = CheckOptions(options);
        var filter = TensorFilter.Parse(options.Tensors);
        var basePath = Path.GetFullPath(options.BaseModelPath);
        var training = ChatExampleReader.Read(options.TrainingDataPath);
        var validation = options.ValidationDataPath is null ? [] : ChatExampleReader.Read(options.ValidationDataPath);
        LlamaRuntime.Initialize(options.NativeLibraryPath);
        GgufFile.CheckHeader(basePath);
        cancellationToken.ThrowIfCancellationRequested();

        var work = Path.GetFullPath(options.WorkDirectory ?? options.OutputPath + ".work");
        Directory.CreateDirectory(work);
        var baseHash = Sha256(basePath);
        var runKey = RunKey(options, baseHash, contextLength, filter);
        var checkpoint = options.Resume ? FineTuneCheckpoint.Load(work, runKey) : null;
        var architecture = GgufEditor.Value(basePath, "general.architecture") ?? "llama";
        var baseContext = GgufEditor.Value(basePath, $"{architecture}.context_length");

        var (startPath, converted) = checkpoint is not null
            ? (Path.Combine(work, checkpoint.ModelFile), false)
            : F32Source(basePath, work, options.NativeLibraryPath);
        var tensors = GgufEditor.Tensors(startPath);
        var trainable = tensors.Count(t => t.Type == 0 && filter.Accepts(t.Name));
        if (trainable == 0)
        {
            throw new LlamaException($"The tensor filter '{filter.Specification}' selects none of the model's F32 weight tensors.");
        }

        using var model = LlamaModel.Load(startPath, new LlamaModelLoadOptions { NativeLibraryPath = options.NativeLibraryPath, WritableWeights = true });
        var formatter = new ChatPromptFormatter(model, options.ChatTemplate);
        var labeled = training.Select(e => (options.TrainingDataPath, e)).Concat(validation.Select(e => (options.ValidationDataPath!, e))).ToList();
        var (set, _) = TrainingSet.Build(labeled, formatter, model, contextLength);
        var budgetAdapters = GraphBudget.Raise(model, tensors, architecture, contextLength, work);
        using var releaseAdapters = new AdapterList(budgetAdapters);

        using var monitor = new TrainingMonitor(set.MaskToken, model.Tokenizer.VocabularySize);
        using var context = LlamaContext.Create(model, ContextParameters(options, contextLength, monitor));
        if (context.ContextSize != contextLength)
        {
            throw new LlamaException($"llama.cpp made a {context.ContextSize}-token context where {contextLength} was asked.");
        }

        // llama.cpp hands the eval callback to its scheduler, and the thread count to its CPU backend, only when a
        // decode computes a graph; llama_opt_epoch does neither. One decode first installs the callback that masks the
        // prompt's labels and makes training use the configured threads instead of ggml's default four (measured:
        // many times slower on a busy 2-core machine).
        context.Decode([set.Tokens[0][0]], 0, cancellationToken);
        context.Clear();

        using var dataset = SafeOptDatasetHandle.Create(contextLength, set.Count);
        if (dataset.IsInvalid)
        {
            throw new LlamaException("ggml could not allocate the training dataset.");
        }

        var optimizer = (GgmlOptimizerParams*)NativeMemory.Alloc((nuint)sizeof(GgmlOptimizerParams));
        var filterHandle = GCHandle.Alloc(filter);
        try
        {
            *optimizer = LlamaTrainingNative.ggml_opt_get_default_optimizer_params(IntPtr.Zero);
            optimizer->AdamAlpha = options.LearningRate;
            optimizer->AdamWeightDecay = options.WeightDecay;
            LlamaTrainingNative.llama_opt_init(context.Handle, model.Handle, new LlamaOptParams
            {
                ContextTrain = 0,
                ParamFilter = TensorFilter.Callback,
                ParamFilterUserData = GCHandle.ToIntPtr(filterHandle),
                GetOptimizerParams = NativeLibraryResolver.Export(LlamaNative.GgmlBase, "ggml_opt_get_constant_optimizer_params"),
                GetOptimizerParamsUserData = (IntPtr)optimizer,
                OptimizerType = 0, // AdamW
            });

            var epochs = checkpoint?.Epochs ?? [];
            var done = checkpoint?.CompletedEpochs ?? 0;
            using var registration = cancellationToken.Register(monitor.Cancel);
            using var resultTrain = SafeOptResultHandle.Create();
            using var resultEval = SafeOptResultHandle.Create();
            for (var epoch = done + 1; epoch <= options.Epochs; epoch++)
            {
                // A seed fixed across processes (HashCode is randomised per process): the same run gives the same model.
                Fill(dataset, set, training.Count, new Random(unchecked((options.Seed * 1_000_003) + epoch)));
                var finished = RunEpoch(context, dataset, resultTrain, resultEval, monitor, training.Count, set.Count, contextLength, epoch, options.Epochs, progress);
                cancellationToken.ThrowIfCancellationRequested();
                epochs = [.. epochs, finished];
                var next = new FineTuneCheckpoint(runKey, epoch, epochs);
                next.Save(work, path => Save(model, path), checkpoint);
                checkpoint = next;
                progress?.Report(new FineTuneProgress(epoch, options.Epochs, false, 0, 0, finished.TokensPerSecond, finished));
            }

            WriteOutput(model, options, basePath, baseHash, architecture, baseContext, training.Count, epochs.Count);
            CleanWork(work);
            return new FineTuneResult(Path.GetFullPath(options.OutputPath), epochs, done, training.Count, validation.Count, set.TrainedTokens,
                contextLength, converted, trainable, budgetAdapters.Count, monitor.MaxGraphNodes);
        }
        finally
        {
            filterHandle.Free();
            NativeMemory.Free(optimizer);
        }
    }

    private static FineTuneEpoch RunEpoch(LlamaContext context, SafeOptDatasetHandle dataset, SafeOptResultHandle resultTrain, SafeOptResultHandle resultEval,
        TrainingMonitor monitor, int trainCount, int totalCount, int contextLength, int epoch, int epochs, IProgress<FineTuneProgress>? progress)
    {
        var clock = Stopwatch.StartNew();
        var phaseClock = Stopwatch.StartNew();
        var validating = false;
        monitor.Reset();
        monitor.BatchDone = (train, batch, batches) =>
        {
            if (!train && !validating)
            {
                validating = true;
                phaseClock.Restart();
            }

            var examples = train ? trainCount : totalCount - trainCount;
            progress?.Report(new FineTuneProgress(epoch, epochs, !train, batch, batches, TokensPerSecond(batch, batches, examples, contextLength, phaseClock), null));
        };
        monitor.Enter();
        try
        {
            LlamaTrainingNative.llama_opt_epoch(context.Handle, dataset, resultTrain, resultEval, trainCount,
                TrainingMonitor.EpochCallback, TrainingMonitor.EpochCallback);
        }
        finally
        {
            monitor.Exit();
            LlamaTrainingNative.ggml_opt_result_reset(resultTrain);
            LlamaTrainingNative.ggml_opt_result_reset(resultEval);
        }

        if (monitor.Failure is { } failure)
        {
            throw new LlamaException($"Training stopped: {failure.Message}", failure);
        }

        if (monitor.Cancelled)
        {
            throw new OperationCanceledException("Fine-tuning was cancelled; the last finished epoch's checkpoint is kept for a resume.");
        }

        if (monitor.Training.Tokens == 0)
        {
            throw new LlamaException("llama.cpp trained without calling SlmRag's loss mask; refusing to train on prompts.");
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var trainingLoss = monitor.Training.Tokens == 0 ? double.NaN : monitor.Training.Loss / monitor.Training.Tokens;
        double? validationLoss = monitor.Validation.Tokens == 0 ? null : monitor.Validation.Loss / monitor.Validation.Tokens;
        var datapoints = (long)GgmlDatapoints(dataset);
        return new FineTuneEpoch(epoch, trainingLoss, validationLoss, datapoints * (double)contextLength / seconds, seconds);
    }

    private static long GgmlDatapoints(SafeOptDatasetHandle dataset) => LlamaTrainingNative.ggml_opt_dataset_ndata(dataset);

    private static double TokensPerSecond(long batch, long batches, int examples, int contextLength, Stopwatch clock)
    {
        // Micro-batches split each window evenly, so tokens done = batch x (window / micro-batches per window).
        var perWindow = examples > 0 && batches >= examples ? batches / examples : 1;
        return batch * (contextLength / (double)perWindow) / Math.Max(1e-6, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Writes the training windows in this epoch's shuffled order, then the validation windows.</summary>
    private static void Fill(SafeOptDatasetHandle dataset, TrainingSet set, int trainCount, Random random)
    {
        var order = Enumerable.Range(0, trainCount).ToArray();
        random.Shuffle(order);
        var data = (int*)LlamaTrainingNative.ggml_get_data(LlamaTrainingNative.ggml_opt_dataset_data(dataset));
        var labels = (int*)LlamaTrainingNative.ggml_get_data(LlamaTrainingNative.ggml_opt_dataset_labels(dataset));
        var length = set.Tokens[0].Length;
        for (var slot = 0; slot < set.Count; slot++)
        {
            var source = slot < trainCount ? order[slot] : slot;
            set.Tokens[source].CopyTo(new Span<int>(data + (long)slot * length, length));
            set.Labels[source].CopyTo(new Span<int>(labels + (long)slot * length, length));
        }
    }

    private static LlamaContextParams ContextParameters(FineTuneOptions options, int contextLength, TrainingMonitor monitor)
    {
        var parameters = LlamaNative.llama_context_default_params();
        parameters.ContextSize = (uint)contextLength;
        parameters.BatchSize = (uint)contextLength;
        parameters.MicroBatchSize = (uint)(options.MicroBatch > 0 ? options.MicroBatch : contextLength);
        parameters.MaxSequences = 1;
        parameters.Threads = options.Threads;
        parameters.BatchThreads = options.Threads;
        parameters.KeyCacheType = 0; // F32: OUT_PROD, used by the backward pass, has no F16 kernel
        parameters.ValueCacheType = 0;
        parameters.FlashAttentionType = 0; // FLASH_ATTN_EXT has no backward pass
        parameters.EvalCallback = TrainingMonitor.EvalCallback;
        parameters.EvalCallbackUserData = monitor.UserData;
        parameters.AbortCallback = TrainingMonitor.AbortCallback;
        parameters.AbortCallbackData = monitor.UserData;
        return parameters;
    }

    private static int CheckOptions(FineTuneOptions options)
    {
        if (options.Epochs is < 1 or > 10_000)
        {
            throw new ArgumentException($"Epochs must be 1-10000 (got {options.Epochs}).", nameof(options));
        }

        // ggml asserts alpha > 0; a rate above 1 only diverges.
        if (!(options.LearningRate > 0 && options.LearningRate <= 1))
        {
            throw new ArgumentException($"The learning rate must be in (0, 1] (got {options.LearningRate}).", nameof(options));
        }

        if (!(options.WeightDecay is >= 0 and <= 1))
        {
            throw new ArgumentException($"The weight decay must be in [0, 1] (got {options.WeightDecay}).", nameof(options));
        }

        if (options.ContextLength is < 16 or > 32_768)
        {
            throw new ArgumentException($"The context length must be 16-32768 tokens (got {options.ContextLength}).", nameof(options));
        }

        var context = (options.ContextLength + ContextGranularity - 1) / ContextGranularity * ContextGranularity;
        if (options.MicroBatch < 0 || (options.MicroBatch > 0 && context % options.MicroBatch != 0))
        {
            throw new ArgumentException($"The micro-batch ({options.MicroBatch}) must divide the context ({context} after rounding to {ContextGranularity}).", nameof(options));
        }

        if (options.Threads is < 1 or > 512)
        {
            throw new ArgumentException($"Threads must be 1-512 (got {options.Threads}).", nameof(options));
        }

        var output = Path.GetFullPath(options.OutputPath);
        if (string.Equals(output, Path.GetFullPath(options.BaseModelPath), StringComparison.Ordinal))
        {
            throw new ArgumentException("The output must be a new file, not the base model.", nameof(options));
        }

        if (Path.GetDirectoryName(output) is { } folder && !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The output folder {folder} does not exist.");
        }

        return context;
    }

    /// <summary>Only F32 weights train (llama.cpp skips others and its backward kernels assert on F16): a base with
    /// any other tensor type is converted once with llama.cpp's quantizer (ALL_F32) into the work folder.</summary>
    private static (string Path, bool Converted) F32Source(string basePath, string work, string? nativeLibraryPath)
    {
        if (GgufEditor.Tensors(basePath).All(t => t.Type == 0))
        {
            return (basePath, false);
        }

        var target = Path.Combine(work, "base-f32.gguf");
        Quantization.GgufQuantizer.ToF32(basePath, target + ".tmp", nativeLibraryPath);
        File.Move(target + ".tmp", target, overwrite: true);
        return (target, true);
    }

    /// <summary>Removes what training put in the work folder (never anything else), then the folder if it is empty.</summary>
    private static void CleanWork(string work)
    {
        foreach (var pattern in new[] { "checkpoint-*.gguf", FineTuneCheckpoint.StateFile, "base-f32.gguf", GraphBudget.AdapterFile })
        {
            foreach (var file in Directory.GetFiles(work, pattern))
            {
                File.Delete(file);
            }
        }

        if (!Directory.EnumerateFileSystemEntries(work).Any())
        {
            Directory.Delete(work);
        }
    }

    private static void Save(LlamaModel model, string path)
    {
        LlamaTrainingNative.llama_model_save_to_file(model.Handle, path);
        if (!File.Exists(path))
        {
            throw new LlamaException($"llama.cpp did not write {path}.");
        }
    }

    /// <summary>The tuned model, via temporary files: llama.cpp's save, then its header rewritten with the base's trained
    /// context (training overwrote it with the window length) and the names of the base and the training set.</summary>
    private static void WriteOutput(LlamaModel model, FineTuneOptions options, string basePath, string baseHash, string architecture,
        string? baseContext, int examples, int epochs)
    {
        var output = Path.GetFullPath(options.OutputPath);
        var saved = output + ".saved.tmp";
        var rewritten = output + ".tmp";
        try
        {
            Save(model, saved);
            var baseName = GgufEditor.Value(basePath, "general.name") ?? Path.GetFileNameWithoutExtension(basePath);
            var values = new Dictionary<string, object>
            {
                ["general.name"] = $"{baseName} (fine-tuned on {Path.GetFileName(options.TrainingDataPath)})",
                ["general.base_model.count"] = 1u,
                ["general.base_model.0.name"] = baseName,
                ["general.dataset.count"] = 1u,
                ["general.dataset.0.name"] = Path.GetFileName(options.TrainingDataPath),
                ["slmrag.finetune.base_model"] = Path.GetFileName(basePath),
                ["slmrag.finetune.base_sha256"] = baseHash,
                ["slmrag.finetune.dataset"] = Path.GetFileName(options.TrainingDataPath),
                ["slmrag.finetune.dataset_sha256"] = Sha256(options.TrainingDataPath),
                ["slmrag.finetune.examples"] = (uint)examples,
                ["slmrag.finetune.epochs"] = (uint)epochs,
                ["slmrag.finetune.learning_rate"] = options.LearningRate.ToString("R", CultureInfo.InvariantCulture),
                ["slmrag.finetune.tensors"] = TensorFilter.Parse(options.Tensors).Specification,
            };
            if (uint.TryParse(baseContext, CultureInfo.InvariantCulture, out var trainedContext))
            {
                values[$"{architecture}.context_length"] = trainedContext;
            }

            GgufEditor.Rewrite(saved, rewritten, values);
            File.Move(rewritten, output, overwrite: true);
        }
        finally
        {
            File.Delete(saved);
            File.Delete(rewritten);
        }
    }

    private static string RunKey(FineTuneOptions options, string baseHash, int contextLength, TensorFilter filter)
    {
        var key = string.Join('\n', baseHash, Sha256(options.TrainingDataPath), options.ValidationDataPath is null ? "-" : Sha256(options.ValidationDataPath),
            options.LearningRate.ToString("R", CultureInfo.InvariantCulture), options.WeightDecay.ToString("R", CultureInfo.InvariantCulture),
            contextLength, options.MicroBatch, filter.Specification, options.Seed, options.ChatTemplate ?? "-");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
