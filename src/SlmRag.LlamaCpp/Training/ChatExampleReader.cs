using System.Text;
using System.Text.Json;

namespace SlmRag.LlamaCpp.Training;

/// <summary>
/// Reads chat-format JSONL: <c>{"messages":[{"role","content"}...]}</c> as <c>slmrag router export</c> writes it and
/// OpenAI's chat fine-tuning format (content as a string or text parts; <c>"weight": 0</c> on an assistant message
/// leaves it out of the loss), and the legacy <c>{"prompt","completion"}</c> pairs. The whole file is checked before
/// anything is trained, and the first bad line is reported with its number.
/// </summary>
public static class ChatExampleReader
{
    private static readonly HashSet<string> Roles = ["system", "developer", "user", "assistant"];

    public static List<ChatExample> Read(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"The training file {path} does not exist.", path);
        }

        var examples = new List<ChatExample>();
        var number = 0;
        foreach (var line in System.IO.File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            examples.Add(Parse(path, number, line));
        }

        if (examples.Count == 0)
        {
            throw new FineTuneDataException(path, number, "the file holds no examples.");
        }

        return examples;
    }

    public static ChatExample Parse(string path, int number, string line)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(line).RootElement;
        }
        catch (JsonException e)
        {
            throw new FineTuneDataException(path, number, $"not valid JSON ({e.Message}).");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FineTuneDataException(path, number, "each line must be a JSON object with \"messages\" (or \"prompt\" and \"completion\").");
        }

        List<ChatTurn> turns;
        if (root.TryGetProperty("messages", out var messages))
        {
            if (messages.ValueKind != JsonValueKind.Array)
            {
                throw new FineTuneDataException(path, number, "\"messages\" must be an array.");
            }

            turns = [.. messages.EnumerateArray().Select((m, i) => Turn(path, number, i, m))];
        }
        else if (root.TryGetProperty("prompt", out var prompt) && root.TryGetProperty("completion", out var completion)
                 && prompt.ValueKind == JsonValueKind.String && completion.ValueKind == JsonValueKind.String)
        {
            turns = [new ChatTurn("user", prompt.GetString()!, false), new ChatTurn("assistant", completion.GetString()!, true)];
        }
        else
        {
            throw new FineTuneDataException(path, number, "each line must be a JSON object with \"messages\" (or string \"prompt\" and \"completion\").");
        }

        if (!turns.Any(t => t.Role == "assistant" && t.Train))
        {
            throw new FineTuneDataException(path, number, "the conversation has no assistant message to learn from.");
        }

        if (turns.Count == 0 || turns[^1].Role != "assistant")
        {
            throw new FineTuneDataException(path, number, "the conversation must end with an assistant message.");
        }

        return new ChatExample(number, turns);
    }

    private static ChatTurn Turn(string path, int number, int index, JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("role", out var roleElement) || roleElement.ValueKind != JsonValueKind.String)
        {
            throw new FineTuneDataException(path, number, $"message {index + 1} needs a string \"role\".");
        }

        var role = roleElement.GetString()!;
        if (!Roles.Contains(role))
        {
            throw new FineTuneDataException(path, number, $"message {index + 1} has role '{role}'; expected system, user or assistant.");
        }

        if (!message.TryGetProperty("content", out var content))
        {
            throw new FineTuneDataException(path, number, $"message {index + 1} has no \"content\".");
        }

        var text = content.ValueKind switch
        {
            JsonValueKind.String => content.GetString()!,
            JsonValueKind.Array => TextParts(path, number, index, content),
            _ => throw new FineTuneDataException(path, number, $"message {index + 1}: \"content\" must be a string or an array of text parts."),
        };
        var train = role == "assistant";
        if (train && message.TryGetProperty("weight", out var weight))
        {
            if (weight.ValueKind != JsonValueKind.Number || weight.GetDouble() is not (0 or 1))
            {
                throw new FineTuneDataException(path, number, $"message {index + 1}: \"weight\" must be 0 or 1.");
            }

            train = weight.GetDouble() == 1;
        }

        return new ChatTurn(role == "developer" ? "system" : role, text, train);
    }

    private static string TextParts(string path, int number, int index, JsonElement parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("text", out var value) || value.ValueKind != JsonValueKind.String)
            {
                throw new FineTuneDataException(path, number, $"message {index + 1}: only text content parts can be trained on.");
            }

            text.Append(value.GetString());
        }

        return text.ToString();
    }
}
