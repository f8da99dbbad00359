namespace SlmRag.Answers;

/// <summary>What a streaming answer sends: text deltas, then the citations, then completion.</summary>
public abstract record AnswerEvent;

/// <summary>A piece of answer text (citation markers such as "[1]" included).</summary>
public sealed record AnswerDelta(string Text) : AnswerEvent;

/// <summary>The sources the answer cites, after invalid markers were removed.</summary>
public sealed record AnswerCitations(IReadOnlyList<Citation> Citations, bool Abstained) : AnswerEvent;

/// <summary>The end: the whole answer with usage and timings.</summary>
public sealed record AnswerCompleted(AnswerResult Answer) : AnswerEvent;
