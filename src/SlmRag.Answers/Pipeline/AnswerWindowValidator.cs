using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SlmRag.Core.Prompts;

namespace SlmRag.Answers.Pipeline;

/// <summary>
/// Checks at start-up that the local model's window (<c>LlamaCpp:Chat:ContextSize</c>, or the model's own when 0)
/// holds the chat template and system prompt, <c>Answers:ContextTokens</c> of sources and <c>Answers:MaxOutputTokens</c>.
/// Resolving it loads the local model, so a model that cannot answer fails the start, not the first question.
/// Without a model that counts prompts (extractive answers) there is nothing to check.
/// </summary>
/// <param name="model">Resolves the local chat model, if any, when validation runs.</param>
public sealed class AnswerWindowValidator(Func<IChatClient?> model) : IValidateOptions<AnswerOptions>
{
    public ValidateOptionsResult Validate(string? name, AnswerOptions options)
    {
        IPromptTokenCounter? window;
        try
        {
            window = model()?.GetService<IPromptTokenCounter>();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A model that cannot load (a missing file, a bad LlamaCpp setting) is reported by the LlamaCpp options'
            // own validation, which names the setting; failing here too would bury that message.
            return ValidateOptionsResult.Skip;
        }

        if (window is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var overhead = window.CountPromptTokens(GroundedPrompt.Build(string.Empty, []));
        var needed = overhead + options.ContextTokens + options.MaxOutputTokens;
        return needed <= window.ContextWindow
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Answers:ContextTokens ({options.ContextTokens}) + Answers:MaxOutputTokens ({options.MaxOutputTokens}) + {overhead} tokens of chat template " +
                $"and system prompt = {needed} do not fit the local model's window of {window.ContextWindow} tokens " +
                "(LlamaCpp:Chat:ContextSize; 0 means the model's own): lower Answers:ContextTokens or Answers:MaxOutputTokens, or raise LlamaCpp:Chat:ContextSize.");
    }
}
