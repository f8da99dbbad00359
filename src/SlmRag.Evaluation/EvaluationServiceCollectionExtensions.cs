using Microsoft.Extensions.DependencyInjection;
using SlmRag.Evaluation.Running;

namespace SlmRag.Evaluation;

public static class EvaluationServiceCollectionExtensions
{
    /// <summary>Registers the evaluation runner and the answer evaluation runner; needs the store, ingestion, retrieval and answers registered too.</summary>
    public static IServiceCollection AddEvaluation(this IServiceCollection services) => services.AddSingleton<EvaluationRunner>().AddSingleton<Answers.AnswerEvaluationRunner>();
}
