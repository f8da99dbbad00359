using System.Text.RegularExpressions;

namespace SlmRag.Answers;

/// <summary>
/// English words that say what kind of answer a text or a table column holds: "Cabinet" or "Location" a place,
/// "Deadline" a date, "Maximum quantity" a number, "Owner" a name. From the language, not from any collection.
/// </summary>
internal static partial class KindWords
{
    /// <summary>Days and months, lower case: capitalised, but a date, not a name or place ("May" is left out: it is also a verb).</summary>
    public static readonly IReadOnlySet<string> Calendar = new HashSet<string>(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays",
         "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"], StringComparer.Ordinal);

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

            if (MoneyColumn().IsMatch(name))
            {
                kinds.Add(AnswerKind.Money);
            }

            if (DurationColumn().IsMatch(name))
            {
                kinds.Add(AnswerKind.Duration);
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

    /// <summary>A sum stated with its currency: "EUR 4.50", "€30", "20 euros", "$5".</summary>
    [GeneratedRegex(@"(€|\$|£|¥|\b(EUR|USD|GBP|CHF|SEK|NOK|DKK|PLN|CAD|AUD)\b)\s?\d|\d[\d.,]*\s?(€|\$|£|\b(EUR|USD|GBP|CHF|SEK|NOK|DKK|PLN|CAD|AUD|euros?|dollars?|pounds?|francs?|kronor|kroner|cents?)\b)", RegexOptions.IgnoreCase)]
    public static partial Regex Sum();

    /// <summary>What answers a price question: a <see cref="Sum"/>, or free of charge.</summary>
    public static bool Money(string text) => Sum().IsMatch(text) || FreeOfCharge().IsMatch(text);

    [GeneratedRegex(@"\bfree\b|\bno (charge|fee|cost)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FreeOfCharge();

    /// <summary>A span of time: "1 week", "10 working days", "three months", "90 minutes", "a year".</summary>
    [GeneratedRegex(@"\b(\d+([.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|sixty|ninety|a|an|half an?)[\s-]*(working |business |calendar |full )?(minutes?|hours?|days?|weeks?|months?|years?|hrs?|mins?)\b", RegexOptions.IgnoreCase)]
    public static partial Regex Duration();

    [GeneratedRegex(@"\b(price|prices|cost|costs|fee|fees|charge|charges|rate|rates|tariff|rent|amount)\b|€|\$|£", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyColumn();

    [GeneratedRegex(@"\b(duration|period|valid|validity|term|length|stay|time|loan|notice|retention|lasts?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DurationColumn();

    [GeneratedRegex(@"\b(name|owner|contact|person|responsible|manager|lead|provider|supplier|vendor|approver)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NameColumn();
}
