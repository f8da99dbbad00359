namespace SlmRag.LlamaCpp.Training;

/// <summary>One conversation of a chat-format JSONL file and the line it came from.</summary>
public sealed record ChatExample(int Line, IReadOnlyList<ChatTurn> Messages)
{
    /// <summary>The last user message: the question (for grounded prompts, the text after its last "Question:").</summary>
    public string Question
    {
        get
        {
            var user = Messages.LastOrDefault(m => m.Role == "user")?.Content ?? string.Empty;
            var marker = user.LastIndexOf("Question:", StringComparison.Ordinal);
            return (marker >= 0 ? user[(marker + "Question:".Length)..] : user).Trim();
        }
    }

    /// <summary>The last assistant message: the reference answer.</summary>
    public string Answer => Messages.LastOrDefault(m => m.Role == "assistant")?.Content ?? string.Empty;

    /// <summary>The messages before the last assistant message: what a model is asked.</summary>
    public IReadOnlyList<ChatTurn> Prompt
    {
        get
        {
            var last = Messages.Select((m, i) => (m, i)).LastOrDefault(p => p.m.Role == "assistant").i;
            return Messages.Take(last).ToList();
        }
    }
}
