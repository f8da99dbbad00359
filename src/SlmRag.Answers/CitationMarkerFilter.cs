using System.Text;

namespace SlmRag.Answers;

/// <summary>
/// Checks citation markers in streamed model output: "[n]" stays when source n was given to the model,
/// anything else that looks like a marker ("[7]" of five sources, "[0]") is removed and counted. Text
/// that may still become a marker is held back until it is decided.
/// </summary>
internal sealed class CitationMarkerFilter(int sourceCount)
{
    private readonly StringBuilder _pending = new();

    public HashSet<int> Cited { get; } = [];

    public int Removed { get; private set; }

    public string Append(string text)
    {
        var output = new StringBuilder();
        foreach (var c in text)
        {
            if (_pending.Length == 0)
            {
                if (c == '[')
                {
                    _pending.Append(c);
                }
                else
                {
                    output.Append(c);
                }

                continue;
            }

            _pending.Append(c);
            if (char.IsDigit(c) && _pending.Length <= 4)
            {
                continue;
            }

            if (c == ']' && _pending.Length > 2)
            {
                var number = int.Parse(_pending.ToString(1, _pending.Length - 2), System.Globalization.CultureInfo.InvariantCulture);
                if (number >= 1 && number <= sourceCount)
                {
                    Cited.Add(number);
                    output.Append(_pending);
                }
                else
                {
                    Removed++;
                }

                _pending.Clear();
                continue;
            }

            // Not a marker after all ("[see below]"): release it as text.
            var released = _pending.ToString();
            _pending.Clear();
            output.Append(released[..^1]);
            output.Append(Append(released[^1..]));
        }

        return output.ToString();
    }

    public string Flush()
    {
        var rest = _pending.ToString();
        _pending.Clear();
        return rest;
    }
}
