using System.Diagnostics;

namespace SlmRag.Bench;

/// <summary>Samples this process's working set during one phase, since the OS peak cannot be reset between phases.</summary>
internal sealed class PeakMemorySampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    public PeakMemorySampler()
    {
        _sampling = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                _peak = Math.Max(_peak, process.WorkingSet64);
                try
                {
                    await Task.Delay(20, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    public long PeakBytes
    {
        get
        {
            _stop.Cancel();
            _sampling.Wait();
            return _peak;
        }
    }

    public void Dispose() => _stop.Dispose();
}
