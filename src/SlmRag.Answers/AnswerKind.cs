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
}
