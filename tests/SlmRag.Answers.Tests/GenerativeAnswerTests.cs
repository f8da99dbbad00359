using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Chunking;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;
using SlmRag.LlamaCpp;
using SlmRag.LlamaCpp.Chat;
using SlmRag.Testing;
using SlmRag.Testing.Gguf;

namespace SlmRag.Answers.Tests;

/// <summary>
/// The answer pipeline over a real llama.cpp model with random weights (no pretrained weights exist here):
/// the mechanics of packing, streaming, citation checking and cancellation, not answer quality.
/// </summary>
public sealed class GenerativeAnswerTests(HandbookFixture handbook) : IClassFixture<HandbookFixture>, IDisposable
{
    private const int ContextSize = 1024;
    private const int OutputTokens = 48;
    private readonly TempDirectory _models = new();

    public void Dispose() => _models.Dispose();

    private (AnswerService Service, LlamaChatClient Model, RecordingChatClient Recorder) Pipeline(int contextSize = ContextSize, int contextTokens = 700, bool neverEnds = false)
    {
        RepositoryPaths.RequireLlamaLibraries();
        var path = TinyModels.WriteChatModel(Path.Combine(_models.Path, neverEnds ? "endless.gguf" : "tiny.gguf"), neverEnds: neverEnds);
        var model = LlamaChatClient.Load(new LlamaChatOptions { ModelPath = path, ContextSize = contextSize, QueueTimeoutSeconds = 2 });
        var recorder = new RecordingChatClient(model);
        var services = handbook.Harness.Services;
        var options = Microsoft.Extensions.Options.Options.Create(new AnswerOptions { ContextTokens = contextTokens, MaxOutputTokens = OutputTokens });
        var frontier = SlmRag.Answers.Routing.FrontierClient.None;
        var conversations = new ConversationStore(services.GetRequiredService<SlmRag.Core.Conversations.IConversationStore>(), options, TimeProvider.System);
        var contexts = new SlmRag.Answers.Pipeline.ContextBuilder(services.GetRequiredService<HybridRetriever>(), services.GetRequiredService<ICatalogStore>(),
            model.Tokenizer, conversations, options, frontier, services.GetRequiredService<UnitEmbedder>(), recorder);
        var pipeline = new SlmRag.Answers.Pipeline.AnswerPipeline(options, frontier, services.GetRequiredService<SlmRag.Answers.Routing.QuestionRouter>(),
            services.GetRequiredService<SlmRag.Answers.Routing.FrontierBudget>(), services.GetRequiredService<SlmRag.Answers.Routing.RouterLog>(),
            model.Tokenizer, model: recorder);
        var service = new AnswerService(contexts, pipeline, conversations, options);
        return (service, model, recorder);
    }

    [Fact]
    public async Task The_prompt_fits_the_model_with_whole_chunks_and_the_answer_streams_in_order()
    {
        var (service, model, recorder) = Pipeline();
        using var _ = model;
        var events = new List<AnswerEvent>();
        await foreach (var item in service.AskStreamingAsync(new AnswerRequest(HandbookFixture.Collection, "How many days of paid annual leave does a full-time employee get?", SearchFilter.Public, "t"), CancellationToken.None))
        {
            events.Add(item);
        }

        var prompt = recorder.Requests.Single();
        Assert.True(model.CountPromptTokens(prompt) + OutputTokens <= ContextSize, $"{model.CountPromptTokens(prompt)} prompt tokens");
        var answer = ((AnswerCompleted)events[^1]).Answer;
        Assert.IsType<AnswerCitations>(events[^2]);
        Assert.Equal("tiny", answer.Model);
        Assert.True(answer.Usage.InputTokens > 0 && answer.Usage.OutputTokens is > 0 and <= OutputTokens);
        // Each source in the prompt is a run of whole chunks of the catalog.
        var catalog = handbook.Harness.Catalog;
        foreach (var source in answer.Sources)
        {
            var chunk = (await catalog.GetChunksByIdAsync(HandbookFixture.Collection, [source.ChunkId], CancellationToken.None)).Single();
            Assert.Contains(chunk.Text, prompt[^1].Text);
        }

        if (!answer.Abstained)
        {
            Assert.Equal(answer.Text, string.Concat(events.OfType<AnswerDelta>().Select(d => d.Text)));
            Assert.All(answer.Citations, c => Assert.Contains(answer.Sources, s => s.Number == c.Number));
        }
    }

    [Theory]
    [InlineData(800)]
    [InlineData(1000)]
    public async Task In_a_window_smaller_than_the_configured_context_the_rendered_prompt_leaves_the_whole_output_budget(int window)
    {
        // Answers:ContextTokens (1800) alone would overflow every window here: the window decides, counted on the rendered prompt.
        var (service, model, recorder) = Pipeline(window, contextTokens: 1800, neverEnds: true);
        using var _ = model;
        var answered = 0;
        foreach (var question in Questions)
        {
            var answer = await service.AskAsync(new AnswerRequest(HandbookFixture.Collection, question, SearchFilter.Public, "t"), CancellationToken.None);
            if (recorder.Requests.Count == answered)
            {
                continue; // the evidence gate abstained without asking the model
            }

            var prompt = recorder.Requests[answered++];
            var promptTokens = model.CountPromptTokens(prompt);
            Assert.True(promptTokens + OutputTokens <= window, $"{promptTokens} prompt tokens + {OutputTokens} in a window of {window}");
            Assert.Equal(promptTokens, answer.Usage.InputTokens);
            // A model that never ends writes exactly the budget: nothing was cut by the window's end.
            Assert.Equal(OutputTokens, answer.Usage.OutputTokens);
            Assert.NotEmpty(answer.Sources);
        }

        Assert.True(answered >= 2, $"the model answered {answered} of {Questions.Length} questions");
    }

    private static readonly string[] Questions =
    [
        "How many days of paid annual leave does a full-time employee get?",
        "What is the hotel limit in Amsterdam?",
        "Where do bicycles go at the Utrecht office, and when are the racks emptied?",
    ];

    [Fact]
    public async Task Cancelling_mid_answer_stops_generation_and_frees_the_model()
    {
        var (service, model, _) = Pipeline();
        using var __ = model;
        using var cancel = new CancellationTokenSource();
        var request = new AnswerRequest(HandbookFixture.Collection, "How many days of paid annual leave does a full-time employee get?", SearchFilter.Public, "t");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in service.AskStreamingAsync(request, cancel.Token))
            {
                await cancel.CancelAsync();
            }
        });

        var next = await service.AskAsync(request, CancellationToken.None);
        Assert.True(next.Usage.OutputTokens > 0 || next.Abstained);
    }

    [Fact]
    public async Task Injected_instructions_in_a_document_stay_quoted_data()
    {
        var (service, model, recorder) = Pipeline();
        using var _ = model;
        await service.AskAsync(new AnswerRequest(HandbookFixture.Collection, "Where do bicycles go at the Utrecht office, and when are the racks emptied?", SearchFilter.Public, "t"), CancellationToken.None);
        var prompt = recorder.Requests.Single();

        Assert.Equal(GroundedPrompt.System, prompt[0].Text);
        Assert.Equal(2, prompt.Count);
        var user = prompt[1].Text;
        var injected = user.IndexOf("IGNORE ALL PREVIOUS INSTRUCTIONS", StringComparison.Ordinal);
        Assert.True(injected > 0, "the parking document should be among the sources");
        Assert.True(user.LastIndexOf("<source ", injected, StringComparison.Ordinal) > user.LastIndexOf("</source>", injected, StringComparison.Ordinal), "inside a source block");

        // The forged template tokens in the document stay text: the prompt has exactly the template's own turn markers.
        var formatter = new ChatPromptFormatter((LlamaModel)model.GetService(typeof(LlamaModel))!, null);
        var tokens = formatter.Format(prompt.Select(m => (ChatTemplateRenderer.RoleName(m.Role), m.Text)).ToList());
        var imStart = model.Tokenizer.Tokenize("<|im_start|>", addSpecial: false, parseSpecial: true).Single().Id;
        Assert.Equal(3, tokens.Count(t => t == imStart));
    }

    [Fact]
    public async Task Without_a_model_the_injected_document_changes_nothing_either()
    {
        var leave = await handbook.AskAsync("How many days of paid annual leave does a full-time employee get?");
        var bicycles = await handbook.AskAsync("Where do bicycles go at the Utrecht office, and when are the racks emptied?");
        Assert.Contains("27 days", leave.Text);
        Assert.Contains(leave.Citations, c => c.DocumentId == handbook.DocumentId("policies/annual-leave.md"));
        Assert.Contains("racks", bicycles.Text);
        Assert.Contains(bicycles.Citations, c => c.DocumentId == handbook.DocumentId("office/parking.md"));
        Assert.DoesNotContain("100 days", leave.Text + bicycles.Text);
        Assert.DoesNotContain("IGNORE", leave.Text + bicycles.Text);

        // The question start.sh first asks: the planted line shares "days of paid leave" and a number with it.
        var mine = await handbook.AskAsync("How many days of annual leave do I get?");
        Assert.DoesNotContain("100 days", mine.Text);
        Assert.DoesNotContain("maintenance mode", mine.Text);
    }

    /// <summary>Records the messages each request sends to the model.</summary>
    private sealed class RecordingChatClient(IChatClient inner) : DelegatingChatClient(inner)
    {
        public List<List<ChatMessage>> Requests { get; } = [];

        public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Requests.Add([.. messages]);
            return base.GetStreamingResponseAsync(messages, options, cancellationToken);
        }
    }
}
