using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SlmRag.Answers.Pipeline;

/// <summary>
/// The answer pipeline's traces and metrics (source and meter <see cref="Name"/>): one span per stage, stage
/// latencies, answers by route and reason, tokens by route and model. The chat pipeline also reports the
/// GenAI semantic conventions through Microsoft.Extensions.AI's OpenTelemetry middleware.
/// </summary>
public static class AnswerTelemetry
{
    public const string Name = "SlmRag.Answers";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Milliseconds per stage (tag <c>stage</c>: context, generation, answer).</summary>
    public static readonly Histogram<double> StageDuration = Meter.CreateHistogram<double>("slmrag.answer.stage.duration", "ms", "Time spent per answer stage.");

    /// <summary>Answers by <c>route</c> (Local, Frontier) and <c>reason</c>.</summary>
    public static readonly Counter<long> Answers = Meter.CreateCounter<long>("slmrag.answer.count", "{answer}", "Answers by route and reason.");

    /// <summary>Tokens by <c>route</c>, <c>model</c> and <c>direction</c> (input, output).</summary>
    public static readonly Counter<long> Tokens = Meter.CreateCounter<long>("slmrag.answer.tokens", "{token}", "Tokens read and written by the answering model.");
}
