using Microsoft.Win32.SafeHandles;

namespace SlmRag.LlamaCpp.Native;

/// <summary>Owns a <c>llama_model*</c>. Contexts and adapters hold a reference, so the model is freed after them.</summary>
internal sealed class SafeLlamaModelHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeLlamaModelHandle() : base(ownsHandle: true)
    {
    }

    public static SafeLlamaModelHandle Load(string path, LlamaModelParams parameters)
    {
        var handle = new SafeLlamaModelHandle();
        handle.SetHandle(LlamaNative.llama_model_load_from_file(path, parameters));
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_model_free(handle);
        return true;
    }
}
