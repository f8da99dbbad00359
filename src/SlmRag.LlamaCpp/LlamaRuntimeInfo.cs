namespace SlmRag.LlamaCpp;

/// <summary>What was loaded: the folder, llama.cpp's version, the CPU backend variant chosen and the CPU features it reports.</summary>
public sealed record LlamaRuntimeInfo(string Directory, string Version, string CpuVariant, string SystemInfo);
