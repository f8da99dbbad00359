namespace SlmRag.Answers.Routing;

/// <summary>Tokens held for one escalation until it settles; settling twice is a no-op. Not thread-safe (one request owns it).</summary>
public sealed class BudgetReservation
{
    private readonly FrontierBudget _budget;
    private bool _settled;

    internal BudgetReservation(FrontierBudget budget, string caller, long tokens, DateOnly day)
    {
        _budget = budget;
        Caller = caller;
        Tokens = tokens;
        Day = day;
    }

    public string Caller { get; }

    public long Tokens { get; }

    internal DateOnly Day { get; }

    /// <summary>Charges what the escalation used instead of what was reserved.</summary>
    public void Settle(long used)
    {
        if (!_settled)
        {
            _settled = true;
            _budget.Settle(this, used);
        }
    }
}
