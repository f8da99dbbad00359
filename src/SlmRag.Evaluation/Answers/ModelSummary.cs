namespace SlmRag.Evaluation.Answers;

/// <summary>A model's scores over the held-out questions: shares, mean F1, median latency, mean output tokens.</summary>
public sealed record ModelSummary(string Model, int Questions, double ExactMatch, double TokenF1, double CitationValidity, double Abstention,
    double MedianLatencyMilliseconds, double MeanOutputTokens)
{
    public static ModelSummary From(string model, IReadOnlyList<ModelAnswer> answers)
    {
        var latencies = answers.Select(a => a.LatencyMilliseconds).Order().ToList();
        return new ModelSummary(model, answers.Count,
            answers.Count == 0 ? 0 : answers.Average(a => a.ExactMatch ? 1.0 : 0),
            answers.Count == 0 ? 0 : answers.Average(a => a.TokenF1),
            answers.Count == 0 ? 0 : answers.Average(a => a.CitationsValid ? 1.0 : 0),
            answers.Count == 0 ? 0 : answers.Average(a => a.Abstained ? 1.0 : 0),
            latencies.Count == 0 ? 0 : latencies[latencies.Count / 2],
            answers.Count == 0 ? 0 : answers.Average(a => (double)a.OutputTokens));
    }
}
