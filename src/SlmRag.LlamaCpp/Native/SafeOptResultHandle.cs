using Microsoft.Win32.SafeHandles;

namespace SlmRag.LlamaCpp.Native;

/// <summary>Owns a <c>ggml_opt_result_t</c> (loss accumulated over an epoch's batches).</summary>
internal sealed class SafeOptResultHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeOptResultHandle() : base(ownsHandle: true)
    {
    }

    public static SafeOptResultHandle Create()
    {
        var handle = new SafeOptResultHandle();
        handle.SetHandle(LlamaTrainingNative.ggml_opt_result_init());
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        LlamaTrainingNative.ggml_opt_result_free(handle);
        return true;
    }
}
