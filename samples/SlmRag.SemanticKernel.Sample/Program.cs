using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using SlmRag.Answers.Routing;
using SlmRag.Frontier;
using SlmRag.SemanticKernel;

// A Semantic Kernel application whose prompts SlmRag's router sends to a local model or a frontier model, with the
// same features, policies and reasons as SlmRag's own answers. Both are OpenAI-compatible endpoints, e.g.
//   LOCAL_URL=http://127.0.0.1:8080/v1 LOCAL_MODEL=smollm2 FRONTIER_URL=https://api.openai.com/v1 FRONTIER_MODEL=gpt-4.1-mini \
//   FRONTIER_KEY=... dotnet run --project samples/SlmRag.SemanticKernel.Sample -- "Compare the two leave policies"
// SlmRag itself is such an endpoint (model = collection): LOCAL_URL=http://127.0.0.1:5080/v1 LOCAL_MODEL=handbook LOCAL_KEY=<query key>.
// The router's weights come from the repository's appsettings.json (section Router).
var configuration = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath("appsettings.json"), optional: true).AddEnvironmentVariables().Build();
var router = new ServiceCollection().AddSingleton(TimeProvider.System).AddSingleton<FrontierBudget>().AddSingleton<QuestionRouter>()
    .Configure<RouterOptions>(configuration.GetSection(RouterOptions.SectionName)).BuildServiceProvider().GetRequiredService<QuestionRouter>();

var builder = Kernel.CreateBuilder();
builder.Services.AddKeyedSingleton(RouterServiceSelector.LocalServiceId, Client(configuration["LOCAL_URL"] ?? "http://127.0.0.1:8080/v1", configuration["LOCAL_MODEL"] ?? "local", configuration["LOCAL_KEY"]));
if (configuration["FRONTIER_URL"] is { Length: > 0 } frontierUrl)
{
    builder.Services.AddKeyedSingleton(RouterServiceSelector.FrontierServiceId, Client(frontierUrl, configuration["FRONTIER_MODEL"] ?? "gpt-4.1-mini", configuration["FRONTIER_KEY"]));
}

var selector = new RouterServiceSelector(router, new WordTokens(), localWindowTokens: 1800);
builder.Services.AddSingleton<IAIServiceSelector>(selector);
builder.Services.AddSingleton<IChatClientSelector>(selector);
var kernel = builder.Build();

var prompt = args.Length > 0 ? string.Join(' ', args) : "What is the capital of the Netherlands?";
var arguments = new KernelArguments { ["question"] = prompt };
try
{
    var result = await kernel.InvokePromptAsync("{{$question}}", arguments);
    var decision = (RouteDecision)arguments[RouterServiceSelector.DecisionArgument]!;
    Console.WriteLine($"route: {decision.Target} ({decision.Reason}, p={decision.Probability:0.00})");
    Console.WriteLine(result);
    return 0;
}
catch (Exception ex) when (ex is System.ClientModel.ClientResultException or HttpRequestException)
{
    // A refused key or an endpoint that is not there: say which service, not a stack trace.
    var target = arguments.TryGetValue(RouterServiceSelector.DecisionArgument, out var routed) && routed is RouteDecision d ? d.Target.ToString() : "the";
    Console.Error.WriteLine($"{target} model's endpoint failed: {ex.Message.ReplaceLineEndings(" ")} (check LOCAL_URL/LOCAL_KEY, FRONTIER_URL/FRONTIER_KEY)");
    return 1;
}

static IChatClient Client(string url, string model, string? key) =>
    FrontierServiceCollectionExtensions.CreateChatClient(new FrontierOptions { Endpoint = url, Model = model, ApiKey = key, MaxRetries = 1 });

/// <summary>A rough count for the length feature; SlmRag itself counts with the local model's tokenizer.</summary>
internal sealed class WordTokens : SlmRag.Core.Chunking.ITokenCounter
{
    public string Name => "words";

    public int CountTokens(ReadOnlySpan<char> text) => (int)Math.Ceiling(text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length * 1.3);
}
