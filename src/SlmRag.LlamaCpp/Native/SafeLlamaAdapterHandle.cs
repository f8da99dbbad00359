using Microsoft.Win32.SafeHandles;

namespace SlmRag.LlamaCpp.Native;

/// <summary>Owns a <c>llama_adapter_lora*</c>. An adapter is valid only while its model lives, so it holds a reference to the model.</summary>
internal sealed class SafeLlamaAdapterHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private SafeLlamaModelHandle? _model;

    public SafeLlamaAdapterHandle() : base(ownsHandle: true)
    {
    }

    public static SafeLlamaAdapterHandle Load(SafeLlamaModelHandle model, string path)
    {
        var handle = new SafeLlamaAdapterHandle();
        var added = false;
        model.DangerousAddRef(ref added);
        var adapter = LlamaNative.llama_adapter_lora_init(model, path);
        if (adapter == IntPtr.Zero)
        {
            model.DangerousRelease();
            return handle;
        }

        handle._model = model;
        handle.SetHandle(adapter);
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_adapter_lora_free(handle);
        _model?.DangerousRelease();
        return true;
    }
}
