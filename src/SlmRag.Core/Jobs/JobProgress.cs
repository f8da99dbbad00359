namespace SlmRag.Core.Jobs;

/// <summary>Counters over a job's items.</summary>
public sealed record JobProgress(
    int Files,
    int FilesDone,
    int Succeeded,
    int Unchanged,
    int Failed,
    int Pages,
    int Chunks)
{
    public double Fraction => Files == 0 ? 1 : (double)FilesDone / Files;

    public static JobProgress From(IReadOnlyCollection<JobItem> items) => new(
        items.Count,
        items.Count(i => i.State.IsTerminal()),
        items.Count(i => i.State == JobItemState.Succeeded),
        items.Count(i => i.State == JobItemState.Unchanged),
        items.Count(i => i.State == JobItemState.Failed),
        items.Sum(i => i.Pages),
        items.Sum(i => i.Chunks));
}
