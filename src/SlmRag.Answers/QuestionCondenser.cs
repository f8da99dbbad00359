using Microsoft.Extensions.AI;
using SlmRag.Core.Text;

namespace SlmRag.Answers;

/// <summary>
/// Turns a follow-up ("and for part-time staff?") into a stand-alone search query. With a model, the
/// model rewrites it; without one, the previous query's terms are carried over when the follow-up is
/// short or refers back (it, that, they ...).
/// </summary>
internal static class QuestionCondenser
{
    private static readonly HashSet<string> ReferringWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "it", "its", "that", "this", "those", "these", "they", "them", "their", "there", "he", "she", "his", "her", "one", "same", "also", "and", "what about", "how about",
    };

    public static async Task<string> CondenseAsync(string question, IReadOnlyList<ConversationTurn> history, IChatClient? model, CancellationToken cancellationToken)
    {
        if (history.Count == 0)
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

        var words = question.Split([' ', '?', ',', '.', '!'], StringSplitOptions.RemoveEmptyEntries);
        var refersBack = words.Length <= 6 || words.Any(ReferringWords.Contains);
        return refersBack && EnglishAnalyzer.Terms(question).Count < 6 ? $"{previous.SearchQuery} {question}" : question;
    }
}
