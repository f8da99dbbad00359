using System.Collections.Concurrent;

namespace SlmRag.LlamaCpp;

/// <summary>
/// A fixed number of llama.cpp contexts, created on first need, each lent to one caller at a time. Callers
/// beyond the pool wait up to the queue timeout and then get <see cref="LlamaBusyException"/>: a clear
/// "busy, retry later" instead of an unbounded queue behind a slow model.
/// </summary>
internal sealed class LlamaContextPool : IDisposable
{
    private readonly Func<LlamaContext> _create;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<LlamaContext> _idle = [];
    private readonly ConcurrentBag<LlamaContext> _all = [];
    private readonly TimeSpan _queueTimeout;
    private bool _disposed;

    public LlamaContextPool(int size, TimeSpan queueTimeout, Func<LlamaContext> create)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Size = size;
        _queueTimeout = queueTimeout;
        _create = create;
        _slots = new SemaphoreSlim(size, size);
    }

    public int Size { get; }

    public async Task<Lease> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var entered = await _slots.WaitAsync(_queueTimeout, cancellationToken).ConfigureAwait(false);

        if (!entered)
        {
            throw new LlamaBusyException(Size, _queueTimeout);
        }

        try
        {
            if (!_idle.TryTake(out var context))
            {
                context = _create();
                _all.Add(context);
            }

            return new Lease(this, context);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var context in _all)
        {
            context.Dispose();
        }
    }

    /// <summary>A context lent to one caller; disposing it returns the context to the pool.</summary>
    internal sealed class Lease(LlamaContextPool pool, LlamaContext context) : IDisposable
    {
        private int _returned;

        public LlamaContext Context { get; } = context;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0)
            {
                pool._idle.Add(Context);
                pool._slots.Release();
            }
        }
    }
}
