namespace SlmRag.Evaluation.Collections;

/// <summary>An IR test collection: documents, queries and graded judgements (grade > 0 is relevant).</summary>
public sealed record TestCollection(
    string Name,
    IReadOnlyList<TestDocument> Documents,
    IReadOnlyList<TestQuery> Queries,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Judgements);

public sealed record TestDocument(string Id, string Title, string Text);

public sealed record TestQuery(string Id, string Text);
