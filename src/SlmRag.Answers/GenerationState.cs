using System.Text;

namespace SlmRag.Answers;

/// <summary>What one answer's generation produced so far.</summary>
internal sealed class GenerationState
{
    public StringBuilder Text { get; } = new();

    public List<Citation> Citations { get; set; } = [];

    public bool Abstained { get; set; }

    public int Removed { get; set; }

    public AnswerUsage Usage { get; set; } = new(0, 0);

    public string? Model { get; set; }

    /// <summary>Why it abstained, when known while generating (<see cref="AbstentionReasons"/>).</summary>
    public string? Reason { get; set; }

    public IReadOnlyList<string> Unsupported { get; set; } = [];

    public List<string> Warnings { get; } = [];
}
