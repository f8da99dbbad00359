using Microsoft.Win32.SafeHandles;

namespace SlmRag.LlamaCpp.Native;

/// <summary>Owns a <c>ggml_opt_dataset_t</c> (token and label tensors in host memory).</summary>
internal sealed class SafeOptDatasetHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeOptDatasetHandle() : base(ownsHandle: true)
    {
    }

    public static SafeOptDatasetHandle Create(long tokensPerDatapoint, long count)
    {
        const int I32 = 26; // GGML_TYPE_I32
        var handle = new SafeOptDatasetHandle();
        handle.SetHandle(LlamaTrainingNative.ggml_opt_dataset_init(I32, I32, tokensPerDatapoint, tokensPerDatapoint, count, 1));
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        LlamaTrainingNative.ggml_opt_dataset_free(handle);
        return true;
    }
}
