using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SlmRag.LlamaCpp.Native;

namespace SlmRag.LlamaCpp;

/// <summary>
/// Loads llama.cpp once per process: the shared libraries from one folder, then the best CPU backend
/// variant among those shipped (ggml scores each against the CPU's features). Thread-safe.
/// </summary>
public static class LlamaRuntime
{
    private static readonly Lock Gate = new();
    private static LlamaRuntimeInfo? _info;

    /// <summary>Where the fetch script puts the libraries, relative to the repository (or install) root.</summary>
    public static string DefaultRelativeDirectory => Path.Combine("native", "llama", RuntimeInformation.RuntimeIdentifier);

    public static LlamaRuntimeInfo? Current => _info;

    /// <summary>Loads the libraries (idempotent). <paramref name="directory"/> null means: look for
    /// <see cref="DefaultRelativeDirectory"/> in the current directory, the application's folder and their parents.</summary>
    public static LlamaRuntimeInfo Initialize(string? directory = null, ILogger? logger = null)
    {
        lock (Gate)
        {
            if (_info is not null)
            {
                return _info;
            }

            logger ??= NullLogger.Instance;
            var folder = ResolveDirectory(directory);
            NativeLibraryResolver.Install(folder);
            NativeLog.Install(logger);
            LlamaNative.ggml_backend_load_all_from_path(folder);
            if (LlamaNative.ggml_backend_dev_count() == 0)
            {
                throw new LlamaException($"llama.cpp loaded no backend from {folder}: the folder lacks its libggml-cpu-*.so variants. Delete it and run scripts/fetch-llama.sh again.");
            }

            LlamaNative.llama_backend_init();
            var info = new LlamaRuntimeInfo(
                folder,
                Marshal.PtrToStringUTF8(LlamaNative.llama_version()) ?? "unknown",
                FindCpuVariant(),
                (Marshal.PtrToStringUTF8(LlamaNative.llama_print_system_info()) ?? string.Empty).Trim());
            logger.LogInformation("llama.cpp {Version} from {Directory}: CPU backend {Variant}; {SystemInfo}",
                info.Version, info.Directory, info.CpuVariant, info.SystemInfo);
            _info = info;
            return info;
        }
    }

    /// <summary>The folder the libraries would be loaded from, or a <see cref="LlamaException"/> naming the fix.</summary>
    public static string ResolveDirectory(string? directory)
    {
        var required = NativeLibraryResolver.RequiredFiles();
        if (!string.IsNullOrWhiteSpace(directory))
        {
            var full = Path.GetFullPath(directory);
            var missing = required.Where(f => !File.Exists(Path.Combine(full, f))).ToList();
            if (missing.Count > 0)
            {
                throw new LlamaException($"LlamaCpp:NativeLibraryPath '{full}' lacks {string.Join(", ", missing)}. Run scripts/fetch-llama.sh (it fetches @node-llama-cpp/<platform>@3.22.1 into {DefaultRelativeDirectory}).");
            }

            return full;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, DefaultRelativeDirectory);
                if (required.All(f => File.Exists(Path.Combine(candidate, f))))
                {
                    return candidate;
                }
            }
        }

        throw new LlamaException($"The llama.cpp libraries were not found ({DefaultRelativeDirectory} in the current directory, the application folder or a parent). Run scripts/fetch-llama.sh, or set LlamaCpp:NativeLibraryPath to the folder holding {required[0]}.");
    }

    /// <summary>The loaded backends' devices other than the CPU (CUDA, Vulkan, ...); empty with the CPU build.</summary>
    public static IReadOnlyList<string> GpuDevices()
    {
        var devices = new List<string>();
        for (nuint i = 0; i < LlamaNative.ggml_backend_dev_count(); i++)
        {
            var name = Marshal.PtrToStringUTF8(LlamaNative.ggml_backend_dev_name(LlamaNative.ggml_backend_dev_get(i))) ?? string.Empty;
            if (!name.StartsWith("CPU", StringComparison.OrdinalIgnoreCase))
            {
                devices.Add(name);
            }
        }

        return devices;
    }

    private static string FindCpuVariant()
    {
        // ggml logs which file it loaded only at debug level; the process's own mappings say it for sure.
        if (File.Exists("/proc/self/maps"))
        {
            var variant = File.ReadLines("/proc/self/maps")
                .Select(line => line.Split('/').LastOrDefault() ?? string.Empty)
                .FirstOrDefault(file => file.StartsWith("libggml-cpu-", StringComparison.Ordinal));
            if (variant is not null)
            {
                return variant["libggml-cpu-".Length..].Split('.')[0];
            }
        }

        for (nuint i = 0; i < LlamaNative.ggml_backend_dev_count(); i++)
        {
            var device = LlamaNative.ggml_backend_dev_get(i);
            var name = Marshal.PtrToStringUTF8(LlamaNative.ggml_backend_dev_name(device));
            if (name is not null && name.StartsWith("CPU", StringComparison.OrdinalIgnoreCase))
            {
                return Marshal.PtrToStringUTF8(LlamaNative.ggml_backend_dev_description(device)) ?? name;
            }
        }

        return "unknown";
    }
}
