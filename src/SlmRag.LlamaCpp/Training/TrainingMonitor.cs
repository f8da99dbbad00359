using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using SlmRag.LlamaCpp.Native;

namespace SlmRag.LlamaCpp.Training;

/// <summary>
/// The native callbacks of one training run. llama.cpp's opt API puts a one-hot label on every position and has no
/// mask, so the loss would also teach the model to write the prompt. ggml's scheduler calls an eval callback before
/// each graph node: SlmRag asks for the logits to be computed first, and just before the cross-entropy node it
/// replaces each masked label row (marked with a token id no trained label uses) by the model's own softmax of that
/// row. Cross-entropy against its own prediction has a zero gradient (softmax - labels = 0), so only assistant tokens
/// train. The loss reported is SlmRag's own mean over the trained tokens, computed from the same logits.
/// Callbacks run on the thread calling llama_opt_epoch; the abort callback may run on a ggml worker thread.
/// </summary>
internal sealed unsafe class TrainingMonitor : IDisposable
{
    [ThreadStatic]
    private static TrainingMonitor? _current;

    private GCHandle _self;
    private float[] _labels = [];
    private float[] _logits = [];
    private bool _logitsReady;
    private double _pendingLoss;
    private long _pendingTokens;
    private volatile bool _cancelled;
    private int _nodes;

    public TrainingMonitor(int maskToken, int vocabularySize)
    {
        MaskToken = maskToken;
        VocabularySize = vocabularySize;
        _self = GCHandle.Alloc(this);
    }

    public int MaskToken { get; }

    public int VocabularySize { get; }

    public IntPtr UserData => GCHandle.ToIntPtr(_self);

    public bool Cancelled => _cancelled;

    /// <summary>An exception thrown inside a callback (it cannot cross into native code); training stops and rethrows it.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Sum of the trained tokens' losses and their count since the last <see cref="Reset"/>, per phase.</summary>
    public (double Loss, long Tokens) Training, Validation;

    /// <summary>Called after each micro-batch: (training?, batches done, batches in the phase).</summary>
    public Action<bool, long, long>? BatchDone { get; set; }

    /// <summary>The most graph nodes one training step computed: what llama.cpp's node budget must hold.</summary>
    public int MaxGraphNodes { get; private set; }

    public static IntPtr EvalCallback => (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, byte, IntPtr, byte>)&OnEval;

    public static IntPtr AbortCallback => (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, byte>)&OnAbort;

    public static IntPtr EpochCallback => (IntPtr)(delegate* unmanaged[Cdecl]<byte, IntPtr, IntPtr, IntPtr, long, long, long, void>)&OnBatch;

    public void Cancel() => _cancelled = true;

    /// <summary>Makes this the monitor the epoch callback (which has no user data) reports to, on this thread.</summary>
    public void Enter() => _current = this;

    public void Exit() => _current = null;

    public void Reset()
    {
        Training = default;
        Validation = default;
        _pendingLoss = 0;
        _pendingTokens = 0;
    }

    public void Dispose()
    {
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static byte OnEval(IntPtr tensor, byte ask, IntPtr userData)
    {
        var monitor = (TrainingMonitor)GCHandle.FromIntPtr(userData).Target!;
        try
        {
            if (ask == 0)
            {
                return monitor._cancelled ? (byte)0 : (byte)1;
            }

            monitor._nodes++;

            var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)(tensor + GgmlTensorLayout.NameOffset));
            if (name.SequenceEqual("result_output"u8))
            {
                monitor._logitsReady = true;
                return 1;
            }

            if (name.SequenceEqual("loss_cross_entropy"u8))
            {
                monitor.MaskLabels(tensor);
            }

            return 0;
        }
        catch (Exception e)
        {
            monitor.Failure ??= e;
            monitor._cancelled = true;
            return 0;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static byte OnAbort(IntPtr userData) =>
        GCHandle.FromIntPtr(userData).Target is TrainingMonitor { _cancelled: true } ? (byte)1 : (byte)0;

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static void OnBatch(byte train, IntPtr optContext, IntPtr dataset, IntPtr result, long batch, long batches, long startMicroseconds)
    {
        var monitor = _current;
        if (monitor is null)
        {
            return;
        }

        try
        {
            if (train != 0)
            {
                monitor.Training = (monitor.Training.Loss + monitor._pendingLoss, monitor.Training.Tokens + monitor._pendingTokens);
            }
            else
            {
                monitor.Validation = (monitor.Validation.Loss + monitor._pendingLoss, monitor.Validation.Tokens + monitor._pendingTokens);
            }

            monitor._pendingLoss = 0;
            monitor._pendingTokens = 0;
            monitor.MaxGraphNodes = Math.Max(monitor.MaxGraphNodes, monitor._nodes);
            monitor._nodes = 0;
            monitor.BatchDone?.Invoke(train != 0, batch, batches);
        }
        catch (Exception e)
        {
            monitor.Failure ??= e;
            monitor._cancelled = true;
        }
    }

    private void MaskLabels(IntPtr loss)
    {
        if (!_logitsReady)
        {
            throw new LlamaException("This model's graph has no \"result_output\" node, so SlmRag cannot restrict the loss to the assistant's tokens.");
        }

        _logitsReady = false;
        var logits = GgmlTensorLayout.Source(loss, 0);
        var labels = GgmlTensorLayout.Source(loss, 1);
        long vocabulary = GgmlTensorLayout.Ne(labels, 0), rows = GgmlTensorLayout.Ne(labels, 1);
        if (vocabulary != VocabularySize || GgmlTensorLayout.Ne(logits, 0) != vocabulary || GgmlTensorLayout.Ne(logits, 1) != rows)
        {
            throw new LlamaException($"Unexpected loss shapes: labels {vocabulary}x{rows}, logits {GgmlTensorLayout.Ne(logits, 0)}x{GgmlTensorLayout.Ne(logits, 1)}, vocabulary {VocabularySize}.");
        }

        if (_labels.Length != vocabulary)
        {
            _labels = new float[vocabulary];
            _logits = new float[vocabulary];
        }

        var bytes = (nuint)(vocabulary * sizeof(float));
        fixed (float* label = _labels)
        fixed (float* logit = _logits)
        {
            for (long row = 0; row < rows; row++)
            {
                var offset = (nuint)(row * vocabulary * sizeof(float));
                LlamaTrainingNative.ggml_backend_tensor_get(labels, label, offset, bytes);
                LlamaTrainingNative.ggml_backend_tensor_get(logits, logit, offset, bytes);
                var max = TensorPrimitives.Max<float>(_logits);
                TensorPrimitives.Subtract(_logits, max, _logits);
                if (_labels[MaskToken] == 1f)
                {
                    TensorPrimitives.Exp(_logits, _labels);
                    TensorPrimitives.Divide(_labels, TensorPrimitives.Sum<float>(_labels), _labels);
                    LlamaTrainingNative.ggml_backend_tensor_set(labels, label, offset, bytes);
                    continue;
                }

                var target = TensorPrimitives.IndexOfMax<float>(_labels);
                var trueLogit = _logits[target];
                TensorPrimitives.Exp(_logits, _logits);
                _pendingLoss += Math.Log(TensorPrimitives.Sum<float>(_logits)) - trueLogit;
                _pendingTokens++;
            }
        }
    }
}
