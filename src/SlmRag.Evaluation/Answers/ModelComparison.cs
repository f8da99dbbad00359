using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace SlmRag.Evaluation.Answers;

/// <summary>
/// Puts the same held-out questions, with the same prompt (and so the same retrieved sources), to each model in turn
/// and scores the answers against the references. Greedy decoding, so runs repeat. Models run one after another.
/// </summary>
public static class ModelComparison
{
    public static async Task<List<ModelAnswer>> RunAsync(IReadOnlyList<(string Name, IChatClient Client)> models, IReadOnlyList<EvaluationQuestion> questions,
        int maxOutputTokens, IProgress<(string Model, int Done)>? progress, CancellationToken cancellationToken)
    {
        var answers = new List<ModelAnswer>();
        foreach (var (name, client) in models)
        {
            var done = 0;
            foreach (var question in questions)
            {
                var clock = Stopwatch.StartNew();
                var response = await client.GetResponseAsync(question.Prompt, new ChatOptions
                {
                    Temperature = 0,
                    MaxOutputTokens = maxOutputTokens,
                    AdditionalProperties = new() { ["repeat_penalty"] = 1.0f },
                }, cancellationToken).ConfigureAwait(false);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                var text = response.Text.Trim();
                var score = AnswerScorer.Score(text, question.Reference, question.SourceNumbers);
                answers.Add(new ModelAnswer(question.Line, question.Question, name, text, question.Reference, score.ExactMatch, score.TokenF1,
                    score.CitationsValid, score.Abstained, elapsed, response.Usage?.OutputTokenCount ?? 0));
                progress?.Report((name, ++done));
            }
        }

        return answers;
    }
}
