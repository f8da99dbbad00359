using System.Text;
using Microsoft.Extensions.AI;

namespace SlmRag.LlamaCpp.Chat;

/// <summary>Renders a conversation in one of the <see cref="ChatTemplateFamily"/> formats, ending with the assistant's turn opened.</summary>
public static class ChatTemplateRenderer
{
    /// <summary>The family a Jinja template belongs to, from the markers it writes; null when none is recognised.</summary>
    public static ChatTemplateFamily? Detect(string? template) => template switch
    {
        null => null,
        _ when template.Contains("<|start_header_id|>", StringComparison.Ordinal) => ChatTemplateFamily.Llama3,
        _ when template.Contains("<|im_start|>", StringComparison.Ordinal) => ChatTemplateFamily.ChatMl,
        _ when template.Contains("<start_of_turn>", StringComparison.Ordinal) => ChatTemplateFamily.Gemma,
        _ when template.Contains("<|end|>", StringComparison.Ordinal) && template.Contains("<|user|>", StringComparison.Ordinal) => ChatTemplateFamily.Phi3,
        _ when template.Contains("[INST]", StringComparison.Ordinal) => ChatTemplateFamily.MistralInstruct,
        _ when template.Contains("<|user|>", StringComparison.Ordinal) => ChatTemplateFamily.Zephyr,
        _ => null,
    };

    public static string Render(ChatTemplateFamily family, IReadOnlyList<(string Role, string Content)> messages)
    {
        var text = new StringBuilder();
        switch (family)
        {
            case ChatTemplateFamily.ChatMl:
                foreach (var (role, content) in messages)
                {
                    text.Append("<|im_start|>").Append(role).Append('\n').Append(content).Append("<|im_end|>\n");
                }

                text.Append("<|im_start|>assistant\n");
                break;
            case ChatTemplateFamily.Llama3:
                foreach (var (role, content) in messages)
                {
                    text.Append("<|start_header_id|>").Append(role).Append("<|end_header_id|>\n\n").Append(content.Trim()).Append("<|eot_id|>");
                }

                text.Append("<|start_header_id|>assistant<|end_header_id|>\n\n");
                break;
            case ChatTemplateFamily.Gemma:
                foreach (var (role, content) in MergeSystemIntoUser(messages, "\n\n"))
                {
                    text.Append("<start_of_turn>").Append(role == "assistant" ? "model" : "user").Append('\n').Append(content.Trim()).Append("<end_of_turn>\n");
                }

                text.Append("<start_of_turn>model\n");
                break;
            case ChatTemplateFamily.Phi3:
                foreach (var (role, content) in messages)
                {
                    text.Append("<|").Append(role).Append("|>\n").Append(content).Append("<|end|>\n");
                }

                text.Append("<|assistant|>\n");
                break;
            case ChatTemplateFamily.MistralInstruct:
                foreach (var (role, content) in MergeSystemIntoUser(messages, "\n\n"))
                {
                    text.Append(role == "assistant" ? $" {content.Trim()}</s>" : $"[INST] {content.Trim()} [/INST]");
                }

                break;
            case ChatTemplateFamily.Zephyr:
                foreach (var (role, content) in messages)
                {
                    text.Append("<|").Append(role).Append("|>\n").Append(content).Append("</s>\n");
                }

                text.Append("<|assistant|>\n");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(family), family, "Unknown chat template family.");
        }

        return text.ToString();
    }

    /// <summary>The role names templates use for Microsoft.Extensions.AI roles (tool results are shown as user text).</summary>
    public static string RoleName(ChatRole role) =>
        role == ChatRole.System ? "system" : role == ChatRole.Assistant ? "assistant" : "user";

    private static IEnumerable<(string Role, string Content)> MergeSystemIntoUser(IReadOnlyList<(string Role, string Content)> messages, string separator)
    {
        string? pendingSystem = null;
        foreach (var (role, content) in messages)
        {
            if (role == "system")
            {
                pendingSystem = pendingSystem is null ? content : pendingSystem + separator + content;
                continue;
            }

            if (pendingSystem is not null && role == "user")
            {
                yield return (role, pendingSystem + separator + content);
                pendingSystem = null;
                continue;
            }

            yield return (role, content);
        }

        if (pendingSystem is not null)
        {
            yield return ("user", pendingSystem);
        }
    }
}
