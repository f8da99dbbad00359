using Microsoft.Extensions.Options;

namespace SlmRag.Cli.Commands;

/// <summary>
/// Turns configuration and input errors into a message on standard error and a non-zero exit code:
/// 1 when the work failed (a file did not ingest, a remote store or model server failed), 2 for bad input or configuration.
/// </summary>
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
            CliOutput.Error("Configuration error", string.Join(" ", ex.Failures));
            return BadInput;
        }
        catch (SlmRag.Core.Storage.StorageConfigurationException ex)
        {
            CliOutput.Error("Storage error", ex.Message);
            return BadInput;
        }
        catch (SlmRag.LlamaCpp.LlamaException ex)
        {
            CliOutput.Error("llama.cpp error", ex.Message);
            return BadInput;
        }
        catch (Exception ex) when (ex is SlmRag.Core.Collections.CollectionNotFoundException or SlmRag.Core.Collections.EmbeddingModelMismatchException)
        {
            CliOutput.Error("Error", ex.Message);
            return BadInput;
        }
        catch (Exception ex) when (ex is SlmRag.Storage.Qdrant.QdrantException or HttpRequestException)
        {
            // A store or model server that is down or refusing is not the user's input: exit 1 with what it said.
            CliOutput.Error("Remote error", ex.Message);
            return Failed;
        }
        catch (CliInputException ex)
        {
            CliOutput.Error("Error", ex.Message);
            return BadInput;
        }
    }
}
