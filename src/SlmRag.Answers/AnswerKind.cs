namespace SlmRag.Answers;

/// <summary>What a question asks for, from its form ("how many" asks for a number, "who" for a name).</summary>
internal enum AnswerKind
{
    Other,
    Number,
    Date,
    Name,
    Place,
    YesNo,

    /// <summary>A sum of money ("how much does it cost"): a number with a currency, or "free".</summary>
    Money,

    /// <summary>A span of time ("how long can I borrow"): a number with a unit of time.</summary>
    Duration,
}
