namespace SlmRag.LlamaCpp.Training;

/// <summary>A training file that cannot be used, with the file and line to fix.</summary>
public sealed class FineTuneDataException(string file, int line, string message)
    : Exception($"{file}:{line}: {message}")
{
    public string File { get; } = file;

    public int Line { get; } = line;
}
