using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SlmRag.Answers.Routing;

namespace SlmRag.Frontier;

public static class FrontierServiceCollectionExtensions
{
    /// <summary>Registers the frontier model for escalations when <c>Frontier:Endpoint</c> and <c>Frontier:Model</c> are set.</summary>
    public static IServiceCollection AddFrontier(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(FrontierOptions.SectionName);
        services.AddOptions<FrontierOptions>().Bind(section)
            .Validate(o => o.Endpoint.Length == 0 || Uri.TryCreate(o.Endpoint, UriKind.Absolute, out _), "Frontier:Endpoint must be an absolute URL such as https://api.openai.com/v1.")
            .Validate(o => o.Endpoint.Length == 0 || o.Model.Length > 0, "Frontier:Model is required with Frontier:Endpoint.")
            .Validate(o => o.TimeoutSeconds > 0 && o.MaxRetries >= 0, "Frontier:TimeoutSeconds must be positive and Frontier:MaxRetries 0 or more.")
            .Validate(o => o.ContextTokens >= 500 && o.MaxOutputTokens >= 1, "Frontier:ContextTokens must be at least 500 and MaxOutputTokens positive.")
            .ValidateOnStart();
        if (!string.IsNullOrWhiteSpace(section["Endpoint"]))
        {
            services.Replace(ServiceDescriptor.Singleton(sp =>
            {
                var options = sp.GetRequiredService<IOptions<FrontierOptions>>().Value;
                return new FrontierClient(new FrontierChatClient(options), options.ContextTokens, options.MaxOutputTokens, options.InputPricePerMillion, options.OutputPricePerMillion);
            }));
        }

        return services;
    }
}
