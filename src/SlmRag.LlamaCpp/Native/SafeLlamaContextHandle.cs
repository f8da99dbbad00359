using Microsoft.Win32.SafeHandles;

namespace SlmRag.LlamaCpp.Native;

/// <summary>Owns a <c>llama_context*</c> and keeps its model alive until the context is freed.</summary>
internal sealed class SafeLlamaContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private SafeLlamaModelHandle? _model;

    public SafeLlamaContextHandle() : base(ownsHandle: true)
    {
    }

    public static SafeLlamaContextHandle Create(SafeLlamaModelHandle model, LlamaContextParams parameters)
    {
        var handle = new SafeLlamaContextHandle();
        var added = false;
        model.DangerousAddRef(ref added);
        var context = LlamaNative.llama_init_from_model(model, parameters);
        if (context == IntPtr.Zero)
        {
            model.DangerousRelease();
            return handle;
        }

        handle._model = model;
        handle.SetHandle(context);
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_free(handle);
        _model?.DangerousRelease();
        return true;
    }
}
