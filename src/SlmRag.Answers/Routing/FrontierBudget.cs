using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SlmRag.Answers.Routing;

/// <summary>Frontier tokens used today (UTC), in all and per API key, against <see cref="RouterOptions"/> budgets. In memory: a restart starts the day's count over.</summary>
public sealed class FrontierBudget(IOptionsMonitor<RouterOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, long> _perKey = new(StringComparer.Ordinal);
    private long _total;
    private DateOnly _day;
    private readonly Lock _gate = new();

    public bool HasRoom(string caller)
    {
        Roll();
        var settings = options.CurrentValue;
        return (settings.DailyTokenBudget <= 0 || Interlocked.Read(ref _total) < settings.DailyTokenBudget)
            && (settings.DailyTokenBudgetPerKey <= 0 || _perKey.GetValueOrDefault(caller) < settings.DailyTokenBudgetPerKey);
    }

    public void Spend(string caller, long tokens)
    {
        Roll();
        Interlocked.Add(ref _total, tokens);
        _perKey.AddOrUpdate(caller, tokens, (_, used) => used + tokens);
    }

    private void Roll()
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        lock (_gate)
        {
            if (today != _day)
            {
                _day = today;
                Interlocked.Exchange(ref _total, 0);
                _perKey.Clear();
            }
        }
    }
}
