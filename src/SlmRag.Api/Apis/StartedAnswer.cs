using Microsoft.AspNetCore.Http.HttpResults;
using SlmRag.Answers;

namespace SlmRag.Api.Apis;

/// <summary>
/// An answer whose first event has been produced: what can fail before any output (unknown collection,
/// busy model) has failed already and became ProblemDetails, so the rest can be streamed or collected.
/// Shared by the ask and OpenAI-compatible endpoints.
/// </summary>
internal sealed class StartedAnswer
{
    private readonly IAsyncEnumerator<AnswerEvent> _events;

    private StartedAnswer(IAsyncEnumerator<AnswerEvent> events) => _events = events;

    public static async Task<(StartedAnswer? Answer, ProblemHttpResult? Problem)> StartAsync(
        AnswerService answers, AnswerRequest request, HttpContext context, CancellationToken cancellationToken)
    {
        var events = answers.AskStreamingAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            if (!await events.MoveNextAsync())
            {
                throw new InvalidOperationException("The answer pipeline produced no events.");
            }
        }
        catch (Exception e) when (AnswerFailures.ToProblem(e, request.Collection, context) is { } problem)
        {
            await events.DisposeAsync();
            return (null, problem);
        }

        return (new StartedAnswer(events), null);
    }

    /// <summary>The rest as Server-Sent Events, each event shaped by <paramref name="format"/> (null skips it).</summary>
    public ServerSentEventsResult Stream(Func<AnswerEvent, (string? Name, object Data)?> format, string? terminator = null) =>
        new(_events.Current, _events, format, terminator);

    /// <summary>Reads to the end and returns the whole answer.</summary>
    public async Task<AnswerResult> CompleteAsync()
    {
        await using (_events)
        {
            var current = _events.Current;
            while (current is not AnswerCompleted && await _events.MoveNextAsync())
            {
                current = _events.Current;
            }

            return ((AnswerCompleted)current).Answer;
        }
    }
}
