using SlmRag.Core.Ingestion;
using SlmRag.Ingestion.Extraction;
using SlmRag.Testing;

namespace SlmRag.Ingestion.Tests.Extraction;

/// <summary>PdfPig reads PDFs when pdftotext is missing; pdftotext's own chatter on stderr never fails a readable file.</summary>
public sealed class PdfFallbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_pdftotext_the_fallback_reads_the_pages_with_ligatures_folded()
    {
        var pdf = Path.Combine(RepositoryPaths.Corpora, "handbook", "people", "employee-handbook.pdf");
        RepositoryPaths.RequireTool("pdftotext");
        using var withTool = new Extract();
        using var fallback = new Extract(new Dictionary<string, string?> { ["Ingestion:Pdf:PdftotextPath"] = "/nonexistent/pdftotext" });

        var reference = await withTool.FileAsync(pdf);
        var document = await fallback.FileAsync(pdf);

        Assert.Equal(reference.PageCount, document.PageCount);
        Assert.DoesNotContain(document.Text, c => c is >= '\uFB00' and <= '\uFB06');
        Assert.True(WordRecall.Of(reference.Text, document.Text) > 0.9, "The fallback lost words pdftotext found.");
    }

    [Fact]
    public async Task A_tool_that_writes_megabytes_of_warnings_still_succeeds()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Uses sh.");
        var result = await ToolProcess.RunAsync("sh", ["-c", "head -c 8000000 /dev/zero | tr '\\0' w >&2; echo text"], TimeSpan.FromSeconds(30), 1000, Ct);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("text\n", result.StandardOutput);
        Assert.Equal(64 * 1024, result.StandardError.Length);
    }

    [Fact]
    public void The_fallback_names_an_unreadable_file_malformed()
    {
        using var temp = new TempDirectory();
        var error = Assert.Throws<IngestionException>(() => PdfPigReader.Read(temp.File("broken.pdf", "%PDF-1.4 not really"), null, 1000, Ct));

        Assert.Equal(IngestionError.Malformed, error.Error);
    }
}
