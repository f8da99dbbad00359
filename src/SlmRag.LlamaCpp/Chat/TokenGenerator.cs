using System.Diagnostics;
using System.Numerics.Tensors;
using SlmRag.LlamaCpp.Native;

namespace SlmRag.LlamaCpp.Chat;

/// <summary>
/// The decode loop: prompt in n_batch pieces, then one token at a time until an end-of-generation token,
/// a stop sequence, the output limit or the context end. Cancellation is checked between tokens.
/// </summary>
internal static class TokenGenerator
{
    public static GenerationResult Run(LlamaContext context, int[] prompt, SamplingSettings settings, Action<string> onText, CancellationToken cancellationToken)
    {
        var tokenizer = context.Model.Tokenizer;
        if (prompt.Length >= context.ContextSize)
        {
            throw new LlamaContextOverflowException(prompt.Length + 1, context.ContextSize);
        }

        using var sampler = SamplerChainFactory.Create(context.Model, settings);
        var decoder = new Utf8PieceDecoder();
        var stops = new StopSequenceMatcher(settings.StopSequences);
        var piece = new byte[256];
        var maxOutput = Math.Min(settings.MaxOutputTokens, context.ContextSize - prompt.Length);

        var clock = Stopwatch.StartNew();
        context.Clear();
        context.Decode(prompt, 0, cancellationToken);
        var promptTime = clock.Elapsed;

        var output = 0;
        var logProbabilitySum = 0.0;
        var finish = GenerationFinish.Length;
        var stoppedBySequence = false;
        // A full softmax per token is cheap on one thread but costs up to a fifth of the token rate when
        // llama.cpp's other threads spin beside it, so it runs only when asked for.
        var scratch = settings.LogProbabilities ? new float[tokenizer.VocabularySize] : null;
        Span<int> next = stackalloc int[1];
        while (output < maxOutput)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var token = LlamaNative.llama_sampler_sample(sampler, context.Handle, -1);
            tokenizer.CheckToken(token);
            if (scratch is not null)
            {
                logProbabilitySum += LogProbability(context.LastLogits(), token, scratch);
            }
            output++;
            if (tokenizer.IsEndOfGeneration(new LlamaToken(token)))
            {
                finish = GenerationFinish.Stop;
                break;
            }

            var length = tokenizer.TokenToPiece(token, piece, renderSpecial: false);
            var (emit, stopped) = stops.Append(decoder.Decode(piece.AsSpan(0, length)));
            if (emit.Length > 0)
            {
                onText(emit);
            }

            if (stopped)
            {
                finish = GenerationFinish.Stop;
                stoppedBySequence = true;
                break;
            }

            if (output == maxOutput)
            {
                break;
            }

            next[0] = token;
            context.Decode(next, prompt.Length + output - 1, cancellationToken);
        }

        if (!stoppedBySequence)
        {
            var rest = stops.Flush() + decoder.Flush();
            if (rest.Length > 0)
            {
                onText(rest);
            }
        }

        return new GenerationResult(prompt.Length, output, finish, scratch is null || output == 0 ? null : logProbabilitySum / output, promptTime, clock.Elapsed - promptTime);
    }

    /// <summary>log softmax(logits)[token]: how sure the model was of the token it produced.</summary>
    private static double LogProbability(ReadOnlySpan<float> logits, int token, float[] scratch)
    {
        var max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, scratch);
        TensorPrimitives.Exp(scratch, scratch);
        return logits[token] - max - Math.Log(TensorPrimitives.Sum(scratch));
    }
}
