using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SlmRag.Core.Extraction;
using SlmRag.Core.Ingestion;
using SlmRag.Ingestion.Extraction;
using SlmRag.Ingestion.Pipeline;

namespace SlmRag.Ingestion.Sandbox;

/// <summary>
/// The child side of the sandbox (the <c>slmrag-extract</c> program): reads one request per line from
/// standard input, extracts in this process, writes one reply per line, and exits at end of input. The
/// parent owns every limit; this side only turns the failures it can see into replies.
/// </summary>
public static class ExtractorChildHost
{
    public static async Task<int> RunAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        // Library chatter must never reach the protocol stream.
        Console.SetOut(Console.Error);
        using var reader = new StreamReader(input, new UTF8Encoding(false));
        await using var writer = new StreamWriter(output, new UTF8Encoding(false)) { NewLine = "\n" };
        string? cachedOptions = null;
        ExtractorRegistry? extractors = null;
        string? line;
        while ((line = await reader.ReadLineAsync(cancellationToken)) is not null)
        {
            var request = JsonSerializer.Deserialize<ExtractionRequest>(line, SandboxJson.Options)
                ?? throw new InvalidDataException("An empty request reached the extractor.");
            var optionsJson = JsonSerializer.Serialize(request.Options, SandboxJson.Options);
            if (optionsJson != cachedOptions)
            {
                extractors = InProcess(request.Options);
                cachedOptions = optionsJson;
            }

            var (reply, exitAfter) = await ExtractAsync(extractors!, request, cancellationToken);
            await writer.WriteLineAsync(JsonSerializer.Serialize(reply, SandboxJson.Options).AsMemory(), cancellationToken);
            await writer.FlushAsync(cancellationToken);
            if (exitAfter)
            {
                return 3;
            }
        }

        return 0;
    }

    private static ExtractorRegistry InProcess(IngestionOptions options)
    {
        options.Sandbox.Enabled = false;
        return new ExtractorRegistry(InProcessExtractors.Create(Options.Create(options)));
    }

    private static async Task<(ExtractionReply Reply, bool ExitAfter)> ExtractAsync(ExtractorRegistry extractors, ExtractionRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var document = await extractors.For(request.Format).ExtractAsync(new ExtractionInput(request.FilePath, request.FileName, request.Password), cancellationToken);
            return (new ExtractionReply(document, null, null), false);
        }
        catch (IngestionException ex)
        {
            return (new ExtractionReply(null, ex.Error, ex.Message, ex.IsTransient), false);
        }
        catch (OutOfMemoryException)
        {
            // The heap limit was reached; the process state is suspect, so answer and leave.
            return (new ExtractionReply(null, IngestionError.TooLarge, $"Extraction needed more memory than the sandbox allows ({request.Options.Sandbox.MemoryLimitMegabytes} MB, Ingestion:Sandbox:MemoryLimitMegabytes)."), true);
        }
        catch (InsufficientExecutionStackException)
        {
            return (new ExtractionReply(null, IngestionError.Malformed, "The document is nested too deeply to read."), false);
        }
        catch (Exception ex) when (ex is IOException)
        {
            return (new ExtractionReply(null, IngestionError.Transient, ex.Message, Transient: true), false);
        }
        catch (Exception ex)
        {
            // A parser bug or an unforeseen input: the parent records it as Internal and counts it.
            return (new ExtractionReply(null, IngestionError.Internal, $"Unexpected error ({ex.GetType().Name}): {ex.Message}"), false);
        }
    }
}
