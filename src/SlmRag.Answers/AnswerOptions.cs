namespace SlmRag.Answers;

/// <summary><c>Answers</c>: how questions become grounded answers.</summary>
public sealed class AnswerOptions
{
    public const string SectionName = "Answers";

    /// <summary>Chunks retrieved per question before packing.</summary>
    public int CandidateCount { get; set; } = 12;

    /// <summary>Numbered sources given to the answerer at most.</summary>
    public int MaxSources { get; set; } = 6;

    /// <summary>Tokens of system prompt, question and source text at most; with a local model, its window minus the rendered
    /// prompt's template and markup and <see cref="MaxOutputTokens"/> caps the sources further.</summary>
    public int ContextTokens { get; set; } = 1800;

    /// <summary>Tokens the local model may write.</summary>
    public int MaxOutputTokens { get; set; } = 400;

    /// <summary>Below this share of the question's (idf-weighted) terms found in the sources, the answer abstains.</summary>
    public double MinEvidence { get; set; } = 0.36;

    /// <summary>Sentences the extractive answerer quotes at most.</summary>
    public int ExtractiveSentences { get; set; } = 2;

    /// <summary>Previous turns a conversation keeps for condensing follow-up questions.</summary>
    public int ConversationTurns { get; set; } = 6;

    public int ConversationMinutes { get; set; } = 60;

    /// <summary>
    /// Units (sentences, rows) of the top sources the sentence embedding model reads per question, the lexically best
    /// first, in one batch; 0 switches the semantic signal off. Each costs a fraction of a millisecond the first time it is read.
    /// 6 rather than 8: the same answers on all four answer sets (bench answer-quality with 4, 6 and 8), a little faster.
    /// </summary>
    public int SemanticUnits { get; set; } = 6;

    /// <summary>Signals of the extractive answerer and evidence score to switch off, for measuring their contribution: form, numbers, alignment, context, rank, semantic.</summary>
    public string[] DisabledSignals { get; set; } = [];
}
