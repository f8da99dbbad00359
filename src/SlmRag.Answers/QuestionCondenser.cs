using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace SlmRag.Answers;

/// <summary>
/// Turns a follow-up ("and for part-time staff?") into a stand-alone search query. A question is a
/// follow-up only when it depends on the earlier turn (<see cref="DependsOnEarlierTurn"/>), never because it
/// is short: a self-contained question starts from itself. A follow-up is rewritten by the model when there
/// is one; without one, the previous query's terms are carried over.
/// </summary>
internal static partial class QuestionCondenser
{
    public static async Task<string> CondenseAsync(string question, IReadOnlyList<ConversationTurn> history, IChatClient? model, CancellationToken cancellationToken)
    {
        if (history.Count == 0 || !DependsOnEarlierTurn(question))
        {
            return question;
        }

        var previous = history[^1];
        if (model is not null)
        {
            var transcript = string.Join("\n", history.Select(t => $"User: {t.Question}\nAssistant: {t.Answer}"));
            var response = await model.GetResponseAsync(
            [
                new ChatMessage(ChatRole.System, "Rewrite the user's follow-up question as one stand-alone question that can be understood without the conversation. Reply with the question only."),
                new ChatMessage(ChatRole.User, $"Conversation:\n{transcript}\n\nFollow-up: {question}"),
            ], new ChatOptions { Temperature = 0, MaxOutputTokens = 64 }, cancellationToken).ConfigureAwait(false);
            var rewritten = response.Text.Trim();
            return rewritten.Length is > 3 and < 500 ? rewritten : $"{previous.SearchQuery} {question}";
        }

        return $"{previous.SearchQuery} {question}";
    }

    /// <summary>
    /// True when the question cannot be understood alone: it continues the earlier one ("and for ...",
    /// "what about ...", "same for ..."), it refers back with a pronoun or demonstrative that nothing in the
    /// question itself resolves ("how long is it?", "who approves those?"), or it is a fragment without a verb
    /// or question word ("Lisbon?", "part-time staff?").
    /// </summary>
    public static bool DependsOnEarlierTurn(string question)
    {
        var q = question.Trim().ToLowerInvariant();
        if (Continuation().IsMatch(q))
        {
            return true;
        }

        var words = QuestionForm.Tokens(q);
        if (words.Count == 0)
        {
            return false;
        }

        if (words.Count <= 3 && !QuestionWord().IsMatch(q) && !Verb().IsMatch(q))
        {
            return true;
        }

        return ReferringBack().IsMatch(q);
    }

    [GeneratedRegex(@"^(and|also|plus|but|or|so)\b|^(what|how) about\b|^(same|likewise|similarly)\b|^what if\b|^(is|are|does|do) (it|that|this) the same\b|\b(as well|too)\?*$")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"\b(what|who|whom|whose|when|where|which|why|how)\b")]
    private static partial Regex QuestionWord();

    [GeneratedRegex(@"\b(is|are|was|were|do|does|did|can|could|may|must|should|will|would|has|have|had|get|need)\b")]
    private static partial Regex Verb();

    // "it", "they", ... as subject or object, and "that/this/those/these" standing alone (not "that covers ...", which a relative clause resolves).
    [GeneratedRegex(@"\b(it|its|they|them|their|he|she|him|his|her)\b|\b(that|this|those|these)\s*(\?|$|\b(is|are|was|were|one|ones|apply|applies|cost|costs|take|takes|last|lasts|mean|means|work|works)\b)|\b(the same|the other|the latter|the former|there)\s*\??$|\b(do|does|did|is|are|was|were|can) (this|that|those|these)\b")]
    private static partial Regex ReferringBack();
}
