using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace SlmRag.LlamaCpp.Training;

/// <summary>
/// Which weight tensors train: <c>all</c>, or a comma-separated list of <c>attention</c> (attn_*), <c>ffn</c>
/// (ffn_*), <c>norms</c> (*_norm), <c>output</c> (output.weight and output_norm), or <c>re:REGEX</c> over tensor names.
/// llama.cpp never trains the token embeddings (a FIXME upstream) nor non-F32 tensors.
/// </summary>
public sealed class TensorFilter
{
    private readonly Func<string, bool> _accepts;

    private TensorFilter(string specification, Func<string, bool> accepts)
    {
        Specification = specification;
        _accepts = accepts;
    }

    public string Specification { get; }

    public static TensorFilter All { get; } = new("all", _ => true);

    public bool Accepts(string tensorName) => tensorName != "token_embd.weight" && tensorName != "rope_freqs.weight" && _accepts(tensorName);

    public static TensorFilter Parse(string? specification)
    {
        if (string.IsNullOrWhiteSpace(specification) || specification.Trim() == "all")
        {
            return All;
        }

        var spec = specification.Trim();
        if (spec.StartsWith("re:", StringComparison.Ordinal))
        {
            try
            {
                var regex = new Regex(spec[3..], RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                return new TensorFilter(spec, regex.IsMatch);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"The tensor filter '{spec}' is not a valid regular expression: {e.Message}", nameof(specification), e);
            }
        }

        var parts = new List<Func<string, bool>>();
        foreach (var part in spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            parts.Add(part switch
            {
                "attention" => n => n.Contains(".attn_", StringComparison.Ordinal) && !n.EndsWith("_norm.weight", StringComparison.Ordinal),
                "ffn" => n => n.Contains(".ffn_", StringComparison.Ordinal) && !n.EndsWith("_norm.weight", StringComparison.Ordinal),
                "norms" => n => n.Contains("_norm.", StringComparison.Ordinal),
                "output" => n => n.StartsWith("output", StringComparison.Ordinal),
                _ => throw new ArgumentException($"Unknown tensor group '{part}' in '{spec}': use all, attention, ffn, norms, output (comma-separated) or re:REGEX.", nameof(specification)),
            });
        }

        return new TensorFilter(spec, n => parts.Any(p => p(n)));
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    internal static unsafe byte OnFilter(IntPtr tensor, IntPtr userData)
    {
        try
        {
            var filter = (TensorFilter)GCHandle.FromIntPtr(userData).Target!;
            var name = Marshal.PtrToStringUTF8((IntPtr)Native.LlamaTrainingNative.ggml_get_name(tensor)) ?? string.Empty;
            return filter.Accepts(name) ? (byte)1 : (byte)0;
        }
        catch (RegexMatchTimeoutException)
        {
            // An exception must not cross into native code; a pathological pattern leaves that tensor frozen.
            return 0;
        }
    }

    internal static unsafe IntPtr Callback => (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte>)&OnFilter;
}
