namespace SlmRag.LlamaCpp.Training;

/// <summary>Conversations turned into fixed-length token windows and next-token labels, with a label id that marks
/// positions the loss must skip (prompt, padding).</summary>
internal sealed class TrainingSet
{
    private TrainingSet(List<int[]> tokens, List<int[]> labels, int maskToken, long trainedTokens)
    {
        Tokens = tokens;
        Labels = labels;
        MaskToken = maskToken;
        TrainedTokens = trainedTokens;
    }

    public List<int[]> Tokens { get; }

    public List<int[]> Labels { get; }

    public int MaskToken { get; }

    public long TrainedTokens { get; }

    public int Count => Tokens.Count;

    /// <summary>Renders every conversation with the model's template; a conversation that does not fit
    /// <paramref name="contextLength"/> is reported with its file and line.</summary>
    public static (TrainingSet Set, long[] TrainedPerExample) Build(
        IReadOnlyList<(string File, ChatExample Example)> examples, Chat.ChatPromptFormatter formatter, LlamaModel model, int contextLength)
    {
        var encoded = new List<(int[] Tokens, bool[] Trained)>();
        foreach (var (file, example) in examples)
        {
            var turns = example.Messages;
            var (tokens, trained) = formatter.FormatForTraining([.. turns.Select(t => (t.Role, t.Content))], i => turns[i].Train && turns[i].Role == "assistant");
            if (tokens.Length > contextLength)
            {
                throw new FineTuneDataException(file, example.Line, $"the conversation takes {tokens.Length} tokens with the chat template; the training context is {contextLength} (raise --context, or shorten it).");
            }

            if (!trained.Skip(1).Any(t => t))
            {
                throw new FineTuneDataException(file, example.Line, "the assistant's answer renders to no tokens.");
            }

            foreach (var token in tokens)
            {
                model.Tokenizer.CheckToken(token);
            }

            encoded.Add((tokens, trained));
        }

        // The mask is a label id no trained position uses, so a label row holding it can only mean "skip".
        var used = new HashSet<int>(encoded.SelectMany(e => e.Tokens.Where((_, i) => e.Trained[i])));
        var mask = Enumerable.Range(0, model.Tokenizer.VocabularySize).First(id => !used.Contains(id));
        var padding = Math.Max(0, model.Tokenizer.EndOfSequence.Id);
        var allTokens = new List<int[]>();
        var allLabels = new List<int[]>();
        var perExample = new long[encoded.Count];
        for (var e = 0; e < encoded.Count; e++)
        {
            var (tokens, trained) = encoded[e];
            var window = new int[contextLength];
            var labels = new int[contextLength];
            Array.Fill(window, padding);
            Array.Fill(labels, mask);
            tokens.CopyTo(window, 0);
            for (var i = 0; i + 1 < tokens.Length; i++)
            {
                if (trained[i + 1])
                {
                    labels[i] = tokens[i + 1];
                    perExample[e]++;
                }
            }

            allTokens.Add(window);
            allLabels.Add(labels);
        }

        return (new TrainingSet(allTokens, allLabels, mask, perExample.Sum()), perExample);
    }
}
