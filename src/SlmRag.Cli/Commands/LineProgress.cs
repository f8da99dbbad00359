namespace SlmRag.Cli.Commands;

/// <summary>
/// Progress of a long step written as plain lines (the service's console is a log, not a terminal to redraw):
/// a line each time another tenth of the total is done. Reported synchronously by the one loop doing the work,
/// so lines never come out of order (<see cref="Progress{T}"/> would post them to the thread pool).
/// </summary>
internal sealed class LineProgress(TextWriter output, string collection, long total) : IProgress<int>
{
    private long _lastTenth = -1;

    public void Report(int value)
    {
        var tenth = total <= 0 ? 10 : Math.Min(10, value * 10L / total);
        if (tenth > _lastTenth)
        {
            _lastTenth = tenth;
            output.WriteLine($"    re-embedding '{collection}': {value}/{total} chunks");
        }
    }
}
