using System.Runtime.InteropServices;

namespace SlmRag.LlamaCpp.Native;

/// <summary><c>struct llama_batch</c>: views over arrays that <see cref="TokenBatch"/> owns.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LlamaBatch
{
    public int TokenCount;
    public int* Tokens;
    public float* Embeddings;
    public int* Positions;
    public int* SequenceIdCounts;
    public int** SequenceIds;
    public sbyte* Outputs;
}
