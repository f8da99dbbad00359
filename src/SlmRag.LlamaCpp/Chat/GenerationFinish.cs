namespace SlmRag.LlamaCpp.Chat;

/// <summary>Why generation ended: an end token or stop sequence, or the output/context limit.</summary>
internal enum GenerationFinish
{
    Stop,
    Length,
}
