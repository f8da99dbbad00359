using System.Reflection;
using System.Runtime.InteropServices;

namespace SlmRag.LlamaCpp.Native;

/// <summary>Maps the library names in <see cref="LlamaNative"/> to the files fetched into one folder.</summary>
internal static class NativeLibraryResolver
{
    private static string? _directory;
    private static readonly Dictionary<string, IntPtr> Loaded = [];

    /// <summary>Installs the resolver once; later calls must name the same folder.</summary>
    public static void Install(string directory)
    {
        lock (Loaded)
        {
            if (_directory is not null)
            {
                if (!string.Equals(_directory, directory, StringComparison.Ordinal))
                {
                    throw new LlamaException($"llama.cpp is already loaded from {_directory}; a process can load it from one folder only (asked for {directory}).");
                }

                return;
            }

            _directory = directory;
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
        }
    }

    public static IReadOnlyList<string> RequiredFiles()
    {
        if (OperatingSystem.IsWindows())
        {
            return ["llama.dll", "ggml.dll", "ggml-base.dll"];
        }

        var extension = OperatingSystem.IsMacOS() ? "dylib" : "so";
        return [$"libllama.v0.5.0.{extension}", $"libggml.v0.5.0.{extension}", $"libggml-base.{extension}"];
    }

    /// <summary>The address of an exported function (to hand llama.cpp one of ggml's own callbacks).</summary>
    public static IntPtr Export(string library, string symbol)
    {
        var handle = Resolve(library, typeof(NativeLibraryResolver).Assembly, null);
        return handle == IntPtr.Zero
            ? throw new LlamaException($"llama.cpp's library '{library}' is not loaded.")
            : NativeLibrary.GetExport(handle, symbol);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        lock (Loaded)
        {
            if (Loaded.TryGetValue(name, out var loaded))
            {
                return loaded;
            }

            var files = RequiredFiles();
            var file = name switch
            {
                LlamaNative.Llama => files[0],
                LlamaNative.Ggml => files[1],
                LlamaNative.GgmlBase => files[2],
                _ => null,
            };
            if (file is null || _directory is null)
            {
                return IntPtr.Zero;
            }

            var handle = NativeLibrary.Load(Path.Combine(_directory, file));
            Loaded[name] = handle;
            return handle;
        }
    }
}
