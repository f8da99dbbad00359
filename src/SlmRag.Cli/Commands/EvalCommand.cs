using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Evaluation.Collections;
using SlmRag.Evaluation.Running;
using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary>
/// <c>slmrag eval</c>: ingests a BEIR, TREC or SMART test collection through the normal pipeline into a
/// scratch collection and prints MAP, nDCG@10, Recall@100 and MRR@10 for BM25, dense and hybrid,
/// with SQLite FTS5 as a baseline measured in the same run.
/// </summary>
internal static class EvalCommand
{
    public static Command Create(CommonOptions common)
    {
        var folder = new Argument<string>("folder") { Description = "A test collection folder (BEIR: corpus.jsonl, queries.jsonl, qrels/; TREC: <DOC> files, topics, qrels; SMART: .I records)." };
        var command = new Command("eval", "Measure retrieval quality on a test collection (or answer quality: eval answers).") { folder };
        command.Subcommands.Add(EvalAnswersCommand.Create(common));
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            TestCollection collection;
            try
            {
                collection = TestCollectionReader.Read(parse.GetValue(folder)!);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException)
            {
                throw new CliInputException(ex.Message);
            }

            AnsiConsole.MarkupLineInterpolated($"{collection.Name}: {collection.Documents.Count:N0} documents, {collection.Queries.Count:N0} queries.");
            // A scratch data directory unless --data-dir says otherwise: evaluation never touches the service's data.
            var overrides = common.Overrides(parse);
            var scratch = overrides.ContainsKey("Storage:DataDirectory") ? null : Directory.CreateTempSubdirectory("slmrag-eval-");
            if (scratch is not null)
            {
                overrides["Storage:DataDirectory"] = scratch.FullName;
            }

            try
            {
                return await RunAsync(overrides, collection, cancellationToken);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                scratch?.Delete(recursive: true);
            }
        }));
        return command;
    }

    private static async Task<int> RunAsync(Dictionary<string, string?> overrides, TestCollection collection, CancellationToken cancellationToken)
    {
        using var host = await CliHost.StartAsync(overrides, runWorker: false, cancellationToken);
        var report = await host.Services.GetRequiredService<EvaluationRunner>().RunAsync(collection,
            new SynchronousProgress<string>(message => AnsiConsole.MarkupLineInterpolated($"[grey]{message}[/]")), cancellationToken);
        var table = new Table().Title($"{report.Collection}: {report.Documents:N0} documents, {report.Chunks:N0} chunks, {report.DocumentsPerSecond:0} docs/s ingested")
            .AddColumns("System", "MAP", "nDCG@10", "Recall@100", "MRR@10", "median ms", "p99 ms");
        foreach (var s in report.Systems)
        {
            table.AddRow(s.System, F(s.Map), F(s.Ndcg10), F(s.Recall100), F(s.Mrr10), s.MedianMs.ToString("0.000", CultureInfo.InvariantCulture), s.P99Ms.ToString("0.000", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        return 0;
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
