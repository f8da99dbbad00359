using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Extraction;
using SlmRag.Ingestion.Detection;
using SlmRag.Ingestion.Pipeline;
using SlmRag.Testing;

namespace SlmRag.Ingestion.Tests.Extraction;

/// <summary>Detects and extracts one file with the registered (real) extractors.</summary>
internal sealed class Extract : IDisposable
{
    private readonly IngestionHarness _harness;
    private string? _folder;

    public Extract(IDictionary<string, string?>? settings = null) => _harness = new IngestionHarness(settings);

    public Task<ExtractedDocument> FileAsync(string path, string? password = null, string? fileName = null)
    {
        var name = fileName ?? Path.GetFileName(path);
        var format = _harness.Services.GetRequiredService<FormatDetector>().Detect(path, name);
        return _harness.Services.GetRequiredService<ExtractorRegistry>().For(format)
            .ExtractAsync(new ExtractionInput(path, name, password), TestContext.Current.CancellationToken);
    }

    /// <summary>Writes <paramref name="content"/> to a file of that name in a folder this instance deletes, and extracts it.</summary>
    public async Task<ExtractedDocument> TextAsync(string fileName, string content)
    {
        _folder ??= Directory.CreateTempSubdirectory("slmrag-extract-").FullName;
        var path = Path.Combine(_folder, fileName);
        await File.WriteAllTextAsync(path, content, TestContext.Current.CancellationToken);
        return await FileAsync(path);
    }

    public void Dispose()
    {
        _harness.Dispose();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
