using Microsoft.Extensions.Options;

namespace SlmRag.Answers.Routing;

/// <summary>
/// Frontier tokens used today (UTC), in all and per API key, against <see cref="RouterOptions"/> budgets.
/// An escalation reserves its worst case (prompt plus output limit) before the call and settles to what it
/// actually used afterwards, all under one lock: concurrent escalations never spend more than the budget.
/// In memory: a restart starts the day's count over. Thread-safe.
/// </summary>
public sealed class FrontierBudget(IOptionsMonitor<RouterOptions> options, TimeProvider time)
{
    private readonly Dictionary<string, long> _perKey = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _total;
    private DateOnly _day;

    /// <summary>Tokens spent or reserved today in all.</summary>
    public long Used
    {
        get
        {
            lock (_gate)
            {
                Roll();
                return _total;
            }
        }
    }

    /// <summary>Whether any escalation could still fit (the router's policy check; <see cref="TryReserve"/> decides).</summary>
    public bool HasRoom(string caller)
    {
        var settings = options.CurrentValue;
        lock (_gate)
        {
            Roll();
            return (settings.DailyTokenBudget <= 0 || _total < settings.DailyTokenBudget)
                && (settings.DailyTokenBudgetPerKey <= 0 || _perKey.GetValueOrDefault(caller) < settings.DailyTokenBudgetPerKey);
        }
    }

    /// <summary>Reserves <paramref name="tokens"/> for <paramref name="caller"/>, or returns null when that would exceed a budget.</summary>
    public BudgetReservation? TryReserve(string caller, long tokens)
    {
        var settings = options.CurrentValue;
        lock (_gate)
        {
            Roll();
            var perKey = _perKey.GetValueOrDefault(caller);
            if ((settings.DailyTokenBudget > 0 && _total + tokens > settings.DailyTokenBudget)
                || (settings.DailyTokenBudgetPerKey > 0 && perKey + tokens > settings.DailyTokenBudgetPerKey))
            {
                return null;
            }

            _total += tokens;
            _perKey[caller] = perKey + tokens;
            return new BudgetReservation(this, caller, tokens, _day);
        }
    }

    /// <summary>Replaces a reservation by the tokens actually used (0 when the call failed before the provider counted any).</summary>
    internal void Settle(BudgetReservation reservation, long used)
    {
        lock (_gate)
        {
            Roll();
            if (reservation.Day != _day)
            {
                // Reserved yesterday: today's count starts with what was used.
                _total += used;
                _perKey[reservation.Caller] = _perKey.GetValueOrDefault(reservation.Caller) + used;
                return;
            }

            _total += used - reservation.Tokens;
            _perKey[reservation.Caller] = _perKey.GetValueOrDefault(reservation.Caller) + used - reservation.Tokens;
        }
    }

    private void Roll()
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (today != _day)
        {
            _day = today;
            _total = 0;
            _perKey.Clear();
        }
    }
}
