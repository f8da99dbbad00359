using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;
using SlmRag.Ingestion.Uploads;

namespace SlmRag.Cli.Commands;

/// <summary>Files named on the command line: folders are walked (hidden entries skipped), keys are paths relative to the folder.</summary>
internal static class LocalFiles
{
    public sealed record LocalFile(string Path, string Key, string FileName);

    public static IReadOnlyList<LocalFile> Enumerate(IEnumerable<string> paths)
    {
        var files = new List<LocalFile>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var root = Path.GetFullPath(path);
                files.AddRange(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                    .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
                    .Order(StringComparer.Ordinal)
                    .Select(f => new LocalFile(f, Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), Path.GetFileName(f))));
            }
            else if (File.Exists(path))
            {
                files.Add(new LocalFile(Path.GetFullPath(path), Path.GetFileName(path), Path.GetFileName(path)));
            }
            else
            {
                throw new CliInputException($"'{path}' is neither a file nor a folder.");
            }
        }

        return files;
    }

    /// <summary>Creates the collection if it is missing, stores the files as uploads and submits them as one job.</summary>
    public static async Task<IngestionJob> QueueAsync(IServiceProvider services, string collection, string? description, IReadOnlyList<LocalFile> files,
        DocumentMetadata metadata, string? password, Action<LocalFile>? staged, CancellationToken cancellationToken)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await services.GetRequiredService<ICatalogStore>().CreateCollectionAsync(new Collection(collection, description, false, null, now), cancellationToken);
        var stager = services.GetRequiredService<UploadStager>();
        var items = new List<NewJobItem>();
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file.Path);
            items.Add(await stager.StageAsync(file.FileName, file.Key, stream, metadata, password, cancellationToken));
            staged?.Invoke(file);
        }

        return await services.GetRequiredService<JobSubmitter>().SubmitAsync(collection, items, cancellationToken);
    }
}
