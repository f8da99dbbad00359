using System.Text;

namespace SlmRag.LlamaCpp.Chat;

/// <summary>
/// Finds stop sequences in streamed text. Text that could still become a stop sequence is held back, so a
/// stop string never reaches the caller, not even in part.
/// </summary>
internal sealed class StopSequenceMatcher(IReadOnlyList<string> stops)
{
    private readonly StringBuilder _pending = new();

    /// <summary>Adds generated text; returns what may be emitted now and whether a stop sequence was reached.</summary>
    public (string Emit, bool Stopped) Append(string text)
    {
        if (stops.Count == 0)
        {
            return (text, false);
        }

        _pending.Append(text);
        var pending = _pending.ToString();
        var first = -1;
        foreach (var stop in stops)
        {
            var at = pending.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }

        if (first >= 0)
        {
            _pending.Clear();
            return (pending[..first], true);
        }

        var hold = HeldBack(pending);
        _pending.Clear().Append(pending, pending.Length - hold, hold);
        return (pending[..^hold], false);
    }

    /// <summary>What is still held back when generation ends for another reason.</summary>
    public string Flush()
    {
        var rest = _pending.ToString();
        _pending.Clear();
        return rest;
    }

    private int HeldBack(string pending)
    {
        var hold = 0;
        foreach (var stop in stops)
        {
            for (var length = Math.Min(stop.Length - 1, pending.Length); length > hold; length--)
            {
                if (pending.AsSpan(pending.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    hold = length;
                    break;
                }
            }
        }

        return hold;
    }
}
