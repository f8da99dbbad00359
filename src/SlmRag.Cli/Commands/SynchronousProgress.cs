namespace SlmRag.Cli.Commands;

/// <summary>
/// Runs its handler on the reporting thread before <see cref="Report"/> returns, one report at a time.
/// <see cref="Progress{T}"/> would post each report to the thread pool (a console app has no synchronization
/// context), so handlers ran concurrently and out of order: a finished epoch's line could overtake, or follow
/// the command's summary, and one handler could clear the bar another was updating.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Lock _gate = new();

    public void Report(T value)
    {
        lock (_gate)
        {
            report(value);
        }
    }
}
