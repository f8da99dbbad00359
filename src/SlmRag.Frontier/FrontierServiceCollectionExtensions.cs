using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenAI;
using SlmRag.Answers.Routing;
using SlmRag.Core.Resilience;

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
                return new FrontierClient(CreateChatClient(options), options.ContextTokens, options.MaxOutputTokens, options.InputPricePerMillion, options.OutputPricePerMillion)
                {
                    Counter = OpenAITokenCounter.ForModel(options.Model),
                };
            }));
        }

        return services;
    }

    /// <summary>The OpenAI library's chat client as <see cref="IChatClient"/> (Microsoft.Extensions.AI.OpenAI), with retries and a deadline.</summary>
    public static IChatClient CreateChatClient(FrontierOptions options)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(options.Endpoint),
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            // The shared Polly pipeline does the retrying; the library's own retries would multiply them.
            RetryPolicy = new ClientRetryPolicy(0),
        };
        var credential = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey);
        var retry = RemoteCallResilience.Create(options.MaxRetries, e => e is ClientResultException { Status: 0 or 408 or 429 or >= 500 });
        return new OpenAI.Chat.ChatClient(options.Model, credential, clientOptions).AsIChatClient()
            .AsBuilder()
            .Use(inner => new ResilientChatClient(inner, retry, TimeSpan.FromSeconds(options.TimeoutSeconds)))
            .Build();
    }
}
