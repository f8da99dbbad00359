using SlmRag.Cli.Commands;

namespace SlmRag.Cli.Tests.Commands;

public sealed class SynchronousProgressTests
{
    [Fact]
    public void A_report_is_handled_on_the_reporting_thread_before_Report_returns()
    {
        var handledOn = new List<int>();
        IProgress<int> progress = new SynchronousProgress<int>(_ => handledOn.Add(Environment.CurrentManagedThreadId));

        progress.Report(1);
        progress.Report(2);

        Assert.Equal([Environment.CurrentManagedThreadId, Environment.CurrentManagedThreadId], handledOn);
    }

    [Fact]
    public async Task Reports_from_several_threads_are_handled_one_at_a_time_in_each_threads_order()
    {
        // The shape of the fine-tuning bar that failed: one handler cleared state another was still using.
        var inside = 0;
        var overlaps = 0;
        var seen = new Dictionary<int, List<int>>();
        IProgress<(int Thread, int Value)> progress = new SynchronousProgress<(int Thread, int Value)>(report =>
        {
            if (Interlocked.Increment(ref inside) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            Thread.SpinWait(200);
            if (!seen.TryGetValue(report.Thread, out var values))
            {
                seen[report.Thread] = values = [];
            }

            values.Add(report.Value);
            Interlocked.Decrement(ref inside);
        });

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                progress.Report((t, i));
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(0, overlaps);
        Assert.All(Enumerable.Range(0, 4), t => Assert.Equal(Enumerable.Range(0, 500), seen[t]));
    }
}
