using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SlmRag.Api.Hosting;

namespace SlmRag.Cli.Commands;

/// <summary>
/// <c>slmrag serve</c>: the web service with its worker. With <c>--ingest</c> it also queues a
/// folder (the README's sample corpus) once started; unchanged files are skipped on later starts.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CommonOptions common)
    {
        var urls = new Option<string?>("--urls") { Description = "Listen addresses (overrides Urls), e.g. http://127.0.0.1:5080." };
        var ingest = new Option<string?>("--ingest") { Description = "A folder to ingest once the service is up." };
        var collection = new Option<string>("--collection", "-c") { Description = "Collection for --ingest.", DefaultValueFactory = _ => "handbook" };
        var command = new Command("serve", "Run the REST API and the ingestion worker.") { urls, ingest, collection };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            var overrides = common.Overrides(parse);
            if (parse.GetValue(urls) is { } listen)
            {
                overrides["Urls"] = listen;
            }

            var folder = parse.GetValue(ingest);
            if (folder is not null && !Directory.Exists(folder))
            {
                throw new CliInputException($"The folder '{folder}' does not exist.");
            }

            var app = SlmRagWebApplication.Create([], builder => builder.Configuration.AddInMemoryCollection(overrides));
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
            var name = parse.GetValue(collection)!;
            CliOutput.Success($"SlmRag is listening on {address}");
            Console.WriteLine($"  API reference: {address}/reference   OpenAPI: {address}/openapi/v1.json   Widget test page: {address}/widget");
            if (folder is not null)
            {
                await ServeIngestion.QueueAsync(app.Services, name, folder, address, Console.Out, cancellationToken);
            }

            Console.WriteLine("Try:");
            Console.WriteLine($"  curl -fsS {address}/v1/collections/{name}/ask -H 'content-type: application/json' -d '{{\"question\":\"How many days of annual leave do I get?\"}}'");
            Console.WriteLine($"  curl -fsS {address}/v1/collections");
            Console.WriteLine($"  curl -fsS {address}/v1/collections/{name}/documents");
            Console.WriteLine("Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }));
        return command;
    }
}
