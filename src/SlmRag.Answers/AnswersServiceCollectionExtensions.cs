using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SlmRag.Answers;

public static class AnswersServiceCollectionExtensions
{
    /// <summary>Registers the answer pipeline. It answers with the registered <see cref="Microsoft.Extensions.AI.IChatClient"/>, or extractively when there is none.</summary>
    public static IServiceCollection AddAnswers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnswerOptions>().Bind(configuration.GetSection(AnswerOptions.SectionName))
            .Validate(o => o.CandidateCount is >= 1 and <= 200, "Answers:CandidateCount must be 1-200.")
            .Validate(o => o.MaxSources is >= 1 and <= 50, "Answers:MaxSources must be 1-50.")
            .Validate(o => o.ContextTokens >= 100, "Answers:ContextTokens must be at least 100.")
            .Validate(o => o.MaxOutputTokens >= 1, "Answers:MaxOutputTokens must be positive.")
            .Validate(o => o.MinEvidence is >= 0 and <= 1, "Answers:MinEvidence must be between 0 and 1.")
            .Validate(o => o.ExtractiveSentences is >= 1 and <= 10, "Answers:ExtractiveSentences must be 1-10.")
            .Validate(o => o.SemanticUnits is >= 0 and <= 64, "Answers:SemanticUnits must be 0-64 (0: no embedding signal).")
            .Validate(o => o.ConversationTurns >= 1 && o.ConversationMinutes >= 1, "Answers:ConversationTurns and ConversationMinutes must be positive.")
            .ValidateOnStart();
        // The local model's window must hold template, system prompt, sources and output (checked on the loaded model).
        services.AddSingleton<IValidateOptions<AnswerOptions>>(sp => new Pipeline.AnswerWindowValidator(sp.GetService<Microsoft.Extensions.AI.IChatClient>));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ConversationStore>();
        services.AddOptions<Routing.RouterOptions>().Bind(configuration.GetSection(Routing.RouterOptions.SectionName))
            .Validate(o => o.Threshold is > 0 and < 1, "Router:Threshold must be between 0 and 1.")
            .Validate(o => o.DailyTokenBudget >= 0 && o.DailyTokenBudgetPerKey >= 0, "Router:DailyTokenBudget and DailyTokenBudgetPerKey must be 0 (unlimited) or positive.")
            .ValidateOnStart();
        services.TryAddSingleton(Routing.FrontierClient.None);
        services.AddSingleton<Routing.FrontierBudget>();
        services.AddSingleton<Routing.QuestionRouter>();
        // Beside the catalog, in the same data directory.
        services.AddSingleton(_ => new Routing.RouterLog(Path.Combine(configuration["Storage:DataDirectory"] ?? "data", "router")));
        // The sentence embedding model, when one is registered (Embeddings:Provider), is a signal of the answer and its evidence.
        services.AddSingleton(sp => new UnitEmbedder(sp.GetService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>()));
        services.AddSingleton<Pipeline.ContextBuilder>();
        services.AddSingleton<Pipeline.AnswerPipeline>();
        services.AddSingleton<AnswerService>();
        return services;
    }
}
