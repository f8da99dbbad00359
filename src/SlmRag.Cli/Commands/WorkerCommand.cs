using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SlmRag.Cli.Commands;

/// <summary><c>slmrag worker</c>: the ingestion worker alone, for a deployment where the API runs with Ingestion:Worker:Enabled=false.</summary>
internal static class WorkerCommand
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("worker", "Run the ingestion worker until stopped (Ctrl+C).");
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            using var host = await CliHost.StartAsync(common.Overrides(parse), runWorker: true, cancellationToken, LogLevel.Information);
            await host.WaitForShutdownAsync(cancellationToken);
            return 0;
        }));
        return command;
    }
}
