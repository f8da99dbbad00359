using System.Runtime.InteropServices;

namespace SlmRag.LlamaCpp.Native;

/// <summary>
/// A <c>llama_batch</c> whose arrays live in native memory owned here (one sequence id per token), reused
/// across calls. Callers fill it through <see cref="Add"/>; capacity is the context's n_batch, checked.
/// </summary>
internal sealed unsafe class TokenBatch : IDisposable
{
    private readonly int* _tokens;
    private readonly int* _positions;
    private readonly int* _sequenceCounts;
    private readonly int** _sequenceIds;
    private readonly int* _sequenceStorage;
    private readonly sbyte* _outputs;
    private bool _disposed;

    public TokenBatch(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _tokens = (int*)NativeMemory.Alloc((nuint)capacity, sizeof(int));
        _positions = (int*)NativeMemory.Alloc((nuint)capacity, sizeof(int));
        _sequenceCounts = (int*)NativeMemory.Alloc((nuint)capacity, sizeof(int));
        _sequenceIds = (int**)NativeMemory.Alloc((nuint)capacity, (nuint)sizeof(int*));
        _sequenceStorage = (int*)NativeMemory.Alloc((nuint)capacity, sizeof(int));
        _outputs = (sbyte*)NativeMemory.Alloc((nuint)capacity, sizeof(sbyte));
        for (var i = 0; i < capacity; i++)
        {
            _sequenceIds[i] = _sequenceStorage + i;
            _sequenceCounts[i] = 1;
        }
    }

    public int Capacity { get; }

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Add(int token, int position, int sequence, bool output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Count >= Capacity)
        {
            throw new InvalidOperationException($"The batch holds at most {Capacity} tokens.");
        }

        _tokens[Count] = token;
        _positions[Count] = position;
        _sequenceStorage[Count] = sequence;
        _outputs[Count] = output ? (sbyte)1 : (sbyte)0;
        Count++;
    }

    public LlamaBatch ToNative()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new LlamaBatch
        {
            TokenCount = Count,
            Tokens = _tokens,
            Embeddings = null,
            Positions = _positions,
            SequenceIdCounts = _sequenceCounts,
            SequenceIds = _sequenceIds,
            Outputs = _outputs,
        };
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NativeMemory.Free(_tokens);
        NativeMemory.Free(_positions);
        NativeMemory.Free(_sequenceCounts);
        NativeMemory.Free(_sequenceIds);
        NativeMemory.Free(_sequenceStorage);
        NativeMemory.Free(_outputs);
    }
}
