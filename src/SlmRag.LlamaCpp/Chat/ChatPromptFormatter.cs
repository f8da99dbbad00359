using System.Runtime.InteropServices;
using System.Text;
using SlmRag.LlamaCpp.Native;

namespace SlmRag.LlamaCpp.Chat;

/// <summary>
/// Turns a conversation into prompt tokens. The template comes from the model (through llama.cpp's built-in
/// templates where it recognises it, else SlmRag's renderer for the family) or from configuration.
/// Message text is tokenized with special tokens disabled, so text that spells <c>&lt;|im_end|&gt;</c> in a
/// document or question stays text and cannot close a turn; only the template's own markers become control tokens.
/// </summary>
internal sealed unsafe class ChatPromptFormatter
{
    private const char Sentinel = '\u0001';
    private readonly LlamaModel _model;
    private readonly ChatTemplateFamily? _family;
    private readonly string? _template;

    public ChatPromptFormatter(LlamaModel model, string? configuredTemplate)
    {
        _model = model;
        if (!string.IsNullOrWhiteSpace(configuredTemplate))
        {
            if (!Enum.TryParse<ChatTemplateFamily>(configuredTemplate, ignoreCase: true, out var family))
            {
                throw new LlamaException($"LlamaCpp:Chat:ChatTemplate '{configuredTemplate}' is not one of {string.Join(", ", Enum.GetNames<ChatTemplateFamily>())}.");
            }

            _family = family;
            TemplateName = $"slmrag:{family}";
            return;
        }

        _template = model.ChatTemplate;
        if (_template is not null && ApplyNative(_template, [("user", "x")]) is not null)
        {
            TemplateName = "llama.cpp:model";
            return;
        }

        _template = null;
        _family = ChatTemplateRenderer.Detect(model.ChatTemplate) ?? ChatTemplateFamily.ChatMl;
        TemplateName = $"slmrag:{_family}";
    }

    /// <summary>Which renderer is used: "llama.cpp:model" or "slmrag:&lt;family&gt;".</summary>
    public string TemplateName { get; }

    public int[] Format(IReadOnlyList<(string Role, string Content)> messages)
    {
        var placeholders = messages.Select((m, i) => (m.Role, Content: $"{Sentinel}{i}{Sentinel}")).ToList();
        var rendered = _template is not null
            ? ApplyNative(_template, placeholders) ?? throw new LlamaException("llama.cpp could not apply the model's chat template.")
            : ChatTemplateRenderer.Render(_family!.Value, placeholders);

        var tokens = new List<int>();
        var parts = rendered.Split(Sentinel);
        for (var i = 0; i < parts.Length; i++)
        {
            // Odd parts are placeholders (message indexes); even parts are template text.
            var isMessage = i % 2 == 1;
            var text = isMessage ? messages[int.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture)].Content : parts[i];
            if (text.Length == 0 && i != 0)
            {
                continue;
            }

            tokens.AddRange(_model.Tokenizer.TokenizeIds(text, addSpecial: i == 0, parseSpecial: !isMessage));
        }

        return [.. tokens];
    }

    /// <summary>
    /// The tokens of a whole conversation for training, and which of them the loss is computed on: the content of
    /// each message whose index <paramref name="trained"/> accepts, plus the first token the template writes after
    /// it (its end-of-turn marker, so the model learns to stop). Tokens after the last trained one are dropped.
    /// </summary>
    public (int[] Tokens, bool[] Trained) FormatForTraining(IReadOnlyList<(string Role, string Content)> messages, Func<int, bool> trained)
    {
        var placeholders = messages.Select((m, i) => (m.Role, Content: $"{Sentinel}{i}{Sentinel}")).ToList();
        var rendered = _template is not null
            ? ApplyNative(_template, placeholders) ?? throw new LlamaException("llama.cpp could not apply the model's chat template.")
            : ChatTemplateRenderer.Render(_family!.Value, placeholders);

        var tokens = new List<int>();
        var mask = new List<bool>();
        var parts = rendered.Split(Sentinel);
        var trainNextMarker = false;
        for (var i = 0; i < parts.Length; i++)
        {
            var isMessage = i % 2 == 1;
            var index = isMessage ? int.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture) : -1;
            var text = isMessage ? messages[index].Content : parts[i];
            if (text.Length == 0 && i != 0)
            {
                continue;
            }

            var piece = _model.Tokenizer.TokenizeIds(text, addSpecial: i == 0, parseSpecial: !isMessage);
            var train = isMessage && trained(index);
            for (var t = 0; t < piece.Length; t++)
            {
                tokens.Add(piece[t]);
                mask.Add(train || (trainNextMarker && t == 0));
            }

            trainNextMarker = train;
        }

        var last = mask.LastIndexOf(true);
        return ([.. tokens.Take(last + 1)], [.. mask.Take(last + 1)]);
    }

    private string? ApplyNative(string template, IReadOnlyList<(string Role, string Content)> messages)
    {
        var allocations = new List<IntPtr>();
        try
        {
            var native = new LlamaChatMessage[messages.Count];
            for (var i = 0; i < messages.Count; i++)
            {
                native[i].Role = Allocate(messages[i].Role, allocations);
                native[i].Content = Allocate(messages[i].Content, allocations);
            }

            var templatePointer = Allocate(template, allocations);
            var capacity = Math.Max(256, messages.Sum(m => m.Content.Length + m.Role.Length) * 2 + 256);
            while (true)
            {
                var buffer = new byte[capacity];
                int length;
                fixed (LlamaChatMessage* m = native)
                fixed (byte* b = buffer)
                {
                    length = LlamaNative.llama_chat_apply_template(templatePointer, m, (nuint)native.Length, true, b, capacity);
                }

                if (length < 0)
                {
                    return null;
                }

                if (length <= capacity)
                {
                    return Encoding.UTF8.GetString(buffer, 0, length);
                }

                capacity = length;
            }
        }
        finally
        {
            foreach (var pointer in allocations)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    private static IntPtr Allocate(string text, List<IntPtr> allocations)
    {
        var pointer = Marshal.StringToCoTaskMemUTF8(text);
        allocations.Add(pointer);
        return pointer;
    }
}
