using Microsoft.Extensions.Options;
using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary>Turns configuration and input errors into a message and a non-zero exit code.</summary>
internal static class CliErrors
{
    public const int Failed = 1;
    public const int BadInput = 2;

    public static async Task<int> Run(Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (OptionsValidationException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Configuration error:[/] {string.Join(" ", ex.Failures)}");
            return BadInput;
        }
        catch (SlmRag.Core.Storage.StorageConfigurationException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Storage error:[/] {ex.Message}");
            return BadInput;
        }
        catch (SlmRag.LlamaCpp.LlamaException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]llama.cpp error:[/] {ex.Message}");
            return BadInput;
        }
        catch (Exception ex) when (ex is SlmRag.Core.Collections.CollectionNotFoundException or SlmRag.Core.Collections.EmbeddingModelMismatchException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Error:[/] {ex.Message}");
            return BadInput;
        }
        catch (Exception ex) when (ex is SlmRag.Storage.Qdrant.QdrantException or HttpRequestException)
        {
            // A store or model server that is down or refusing is not the user's input: exit 1 with what it said.
            AnsiConsole.MarkupLineInterpolated($"[red]Remote error:[/] {ex.Message}");
            return Failed;
        }
        catch (CliInputException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Error:[/] {ex.Message}");
            return BadInput;
        }
    }
}
