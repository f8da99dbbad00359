namespace SlmRag.Evaluation.Running;

public sealed record EvaluationReport(string Collection, int Documents, int Chunks, double IngestSeconds, IReadOnlyList<SystemResult> Systems)
{
    public double DocumentsPerSecond => Documents / IngestSeconds;

    public SystemResult this[string system] => Systems.Single(s => s.System == system);
}
