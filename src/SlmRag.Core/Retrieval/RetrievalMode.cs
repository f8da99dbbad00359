namespace SlmRag.Core.Retrieval;

public enum RetrievalMode
{
    Hybrid,
    Lexical,
    Dense,
}
