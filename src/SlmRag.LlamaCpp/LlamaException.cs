namespace SlmRag.LlamaCpp;

/// <summary>A llama.cpp call failed, or a request was refused before it could reach one.</summary>
public class LlamaException(string message, Exception? inner = null) : Exception(message, inner);
