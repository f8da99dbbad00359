using System.Text.RegularExpressions;

namespace SlmRag.Answers;

/// <summary>
/// English words that say what kind of answer a text or a table column holds: "Cabinet" or "Location" a place,
/// "Deadline" a date, "Maximum quantity" a number, "Owner" a name. From the language, not from any collection.
/// </summary>
internal static partial class KindWords
{
    /// <summary>The kinds of answer the named columns hold; computed once per analysed row, not per question.</summary>
    public static HashSet<AnswerKind> OfColumns(IEnumerable<string> names)
    {
        var kinds = new HashSet<AnswerKind>();
        foreach (var name in names)
        {
            if (Place().IsMatch(name) || PlaceColumn().IsMatch(name))
            {
                kinds.Add(AnswerKind.Place);
            }

            if (DateColumn().IsMatch(name))
            {
                kinds.Add(AnswerKind.Date);
            }

            if (NumberColumn().IsMatch(name))
            {
                kinds.Add(AnswerKind.Number);
            }

            if (NameColumn().IsMatch(name))
            {
                kinds.Add(AnswerKind.Name);
            }
        }

        return kinds;
    }

    /// <summary>A spot inside an organisation ("reception", "the blue cabinet, bottom shelf", "the intranet").</summary>
    [GeneratedRegex(@"\b(room|floor|building|office|desk|door|entrance|reception|dock|cabinet|shelf|shelves|cupboard|drawer|locker|street|site|campus|basement|garage|lobby|kitchen|corridor|hall|wing|warehouse|storeroom|portal|intranet|folder|drive|website|page)s?\b", RegexOptions.IgnoreCase)]
    public static partial Regex Place();

    [GeneratedRegex(@"\b(location|place|where|address|venue)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceColumn();

    [GeneratedRegex(@"\b(date|dates|deadline|due|when|day|days|period|year|month|week|time|from|until|valid)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DateColumn();

    [GeneratedRegex(@"\b(number|amount|quantity|count|total|maximum|minimum|max|min|limit|price|cost|fee|rate|duration|capacity|size|percent|percentage)\b|%|€|\$|£", RegexOptions.IgnoreCase)]
    private static partial Regex NumberColumn();

    [GeneratedRegex(@"\b(name|owner|contact|person|responsible|manager|lead|provider|supplier|vendor|approver)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NameColumn();
}
