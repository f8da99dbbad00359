using Microsoft.Extensions.Options;
using SlmRag.LlamaCpp.Chat;

namespace SlmRag.LlamaCpp;

/// <summary>Checks <c>LlamaCpp</c> at start-up; each failure names its configuration path and the fix.</summary>
internal sealed class LlamaCppOptionsValidator(bool embeddingsConfigured) : IValidateOptions<LlamaCppOptions>
{
    public ValidateOptionsResult Validate(string? name, LlamaCppOptions options)
    {
        var failures = new List<string>();
        var chat = options.Chat;
        var chatConfigured = !string.IsNullOrWhiteSpace(chat.ModelPath);
        if (chatConfigured || embeddingsConfigured)
        {
            try
            {
                LlamaRuntime.ResolveDirectory(options.NativeLibraryPath);
            }
            catch (LlamaException e)
            {
                failures.Add(e.Message);
            }
        }

        if (chatConfigured)
        {
            RequireFile(failures, "LlamaCpp:Chat:ModelPath", chat.ModelPath);
            Require(failures, chat.ContextSize >= 0, "LlamaCpp:Chat:ContextSize must be 0 (the model's) or positive.");
            Require(failures, chat.BatchSize is >= 1 and <= 65536, "LlamaCpp:Chat:BatchSize must be 1-65536.");
            Require(failures, chat.Threads is >= 1 and <= 512, "LlamaCpp:Chat:Threads must be 1-512.");
            Require(failures, chat.GpuLayers >= -1, "LlamaCpp:Chat:GpuLayers must be -1 (all), 0 (CPU only) or a layer count.");
            Require(failures, chat.MaxConcurrentRequests is >= 1 and <= 64, "LlamaCpp:Chat:MaxConcurrentRequests must be 1-64.");
            Require(failures, chat.QueueTimeoutSeconds > 0, "LlamaCpp:Chat:QueueTimeoutSeconds must be positive.");
            Require(failures, chat.DefaultMaxOutputTokens >= 1, "LlamaCpp:Chat:DefaultMaxOutputTokens must be positive.");
            Require(failures, string.IsNullOrWhiteSpace(chat.ChatTemplate) || Enum.TryParse<ChatTemplateFamily>(chat.ChatTemplate, true, out _),
                $"LlamaCpp:Chat:ChatTemplate must be empty (the model's) or one of {string.Join(", ", Enum.GetNames<ChatTemplateFamily>())}.");
            for (var i = 0; i < chat.Adapters.Count; i++)
            {
                RequireFile(failures, $"LlamaCpp:Chat:Adapters:{i}:Path", chat.Adapters[i].Path);
                Require(failures, float.IsFinite(chat.Adapters[i].Scale), $"LlamaCpp:Chat:Adapters:{i}:Scale must be a number.");
            }
        }

        if (embeddingsConfigured)
        {
            var embeddings = options.Embeddings;
            RequireFile(failures, "LlamaCpp:Embeddings:ModelPath", embeddings.ModelPath);
            Require(failures, embeddings.ContextSize >= 0, "LlamaCpp:Embeddings:ContextSize must be 0 (the model's) or positive.");
            Require(failures, embeddings.MaxSequencesPerBatch is >= 1 and <= 64, "LlamaCpp:Embeddings:MaxSequencesPerBatch must be 1-64.");
            Require(failures, embeddings.Threads is >= 1 and <= 512, "LlamaCpp:Embeddings:Threads must be 1-512.");
            Require(failures, embeddings.MaxConcurrentRequests is >= 1 and <= 64, "LlamaCpp:Embeddings:MaxConcurrentRequests must be 1-64.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireFile(List<string> failures, string path, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{path} is required.");
        }
        else if (!File.Exists(value))
        {
            failures.Add($"{path} '{Path.GetFullPath(value)}' does not exist.");
        }
    }

    private static void Require(List<string> failures, bool condition, string message)
    {
        if (!condition)
        {
            failures.Add(message);
        }
    }
}
