using Microsoft.Win32.SafeHandles;

namespace SlmRag.LlamaCpp.Native;

/// <summary>Owns a <c>llama_sampler*</c> chain; the chain frees the samplers added to it.</summary>
internal sealed class SafeLlamaSamplerHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeLlamaSamplerHandle() : base(ownsHandle: true)
    {
    }

    public static SafeLlamaSamplerHandle CreateChain()
    {
        var handle = new SafeLlamaSamplerHandle();
        handle.SetHandle(LlamaNative.llama_sampler_chain_init(new LlamaSamplerChainParams { NoPerf = 1 }));
        return handle;
    }

    /// <summary>Adds a sampler; ownership passes to the chain. A null sampler (e.g. a grammar that did not parse) is refused.</summary>
    public void Add(IntPtr sampler, string what)
    {
        if (sampler == IntPtr.Zero)
        {
            throw new LlamaException($"llama.cpp could not create the {what} sampler.");
        }

        LlamaNative.llama_sampler_chain_add(this, sampler);
    }

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_sampler_free(handle);
        return true;
    }
}
