using System.CommandLine;

namespace SlmRag.Cli.Commands;

/// <summary>The <c>slmrag</c> command tree.</summary>
public static class SlmRagCommandLine
{
    public static RootCommand Build()
    {
        var common = new CommonOptions();
        var root = new RootCommand("SlmRag: a self-hosted knowledge service. Ingest documents, serve the API, run the worker.");
        root.Options.Add(common.DataDirectory);
        root.Subcommands.Add(ServeCommand.Create(common));
        root.Subcommands.Add(WorkerCommand.Create(common));
        root.Subcommands.Add(IngestCommand.Create(common));
        root.Subcommands.Add(CatalogCommands.Collections(common));
        root.Subcommands.Add(CatalogCommands.Documents(common));
        root.Subcommands.Add(CatalogCommands.Jobs(common));
        root.Subcommands.Add(EmbeddingsCommand.Create());
        root.Subcommands.Add(ModelCommand.Create(common));
        root.Subcommands.Add(SearchCommand.Create(common));
        root.Subcommands.Add(AskCommand.Create(common));
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(RouterCommand.Create(common));
        root.Subcommands.Add(MigrateCommand.Create(common));
        root.Subcommands.Add(EvalCommand.Create(common));
        root.Subcommands.Add(ReindexCommand.Create(common));
        return root;
    }
}
