namespace SlmRag.Evaluation.Running;

/// <summary>One retrieval system's mean measures over the judged queries and its per-query latency.</summary>
public sealed record SystemResult(string System, int Queries, double Map, double Ndcg10, double Recall100, double Mrr10, double MedianMs, double P99Ms);
