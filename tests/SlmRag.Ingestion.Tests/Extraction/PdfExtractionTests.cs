using System.Text.Json;
using SlmRag.Core.Ingestion;
using SlmRag.Testing;

namespace SlmRag.Ingestion.Tests.Extraction;

/// <summary>PDF extraction through poppler's pdftotext (and qpdf for passwords) on real files.</summary>
public sealed class PdfExtractionTests
{
    private static readonly IngestionError[] DocumentErrors =
        [IngestionError.Malformed, IngestionError.NoExtractableText, IngestionError.PasswordRequired, IngestionError.Timeout, IngestionError.TooLarge];

    [Fact]
    public async Task Page_counts_match_the_expectations_file()
    {
        RepositoryPaths.RequireTool("pdftotext");
        var folder = RepositoryPaths.RequireShared("documents", "pdf-samples-with-expectations");
        using var expectations = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "files.json"), TestContext.Current.CancellationToken));
        using var extract = new Extract();
        var checkedPages = 0;
        foreach (var entry in expectations.RootElement.GetProperty("data").EnumerateArray())
        {
            var path = Path.Combine(folder, entry.GetProperty("path").GetString()!);
            var pages = entry.GetProperty("pages").GetInt32();
            if (!File.Exists(path))
            {
                continue; // the shared copy leaves out the largest samples
            }

            if (entry.GetProperty("encrypted").GetBoolean())
            {
                var error = await Assert.ThrowsAsync<IngestionException>(() => extract.FileAsync(path));
                Assert.Equal(IngestionError.PasswordRequired, error.Error);
                continue;
            }

            try
            {
                var document = await extract.FileAsync(path);
                Assert.True(pages == document.PageCount, $"{entry.GetProperty("path")}: {document.PageCount} pages, expected {pages}.");
                checkedPages++;
            }
            catch (IngestionException ex) when (ex.Error == IngestionError.NoExtractableText)
            {
                // image-only samples have no text layer; that is the documented outcome
            }
        }

        Assert.True(checkedPages >= 20, $"Only {checkedPages} samples produced text.");
    }

    [Fact]
    public async Task Every_real_pdf_extracts_or_fails_with_a_document_reason()
    {
        RepositoryPaths.RequireTool("pdftotext");
        var folder = RepositoryPaths.RequireShared("documents", "pdf-real");
        using var extract = new Extract();
        var succeeded = 0;
        var files = Directory.GetFiles(folder, "*.pdf");
        foreach (var file in files)
        {
            try
            {
                var document = await extract.FileAsync(file);
                Assert.True(document.PageCount >= 1, $"{Path.GetFileName(file)} has no pages.");
                Assert.All(document.Pages, p => Assert.InRange(p.End, p.Start, document.Text.Length));
                succeeded++;
            }
            catch (IngestionException ex)
            {
                Assert.Contains(ex.Error, DocumentErrors);
            }
        }

        Assert.True(succeeded >= files.Length * 0.8, $"{succeeded} of {files.Length} real PDFs extracted.");
    }

    [Theory]
    [InlineData("aes-128.pdf")]
    [InlineData("aes-128-m.pdf")]
    [InlineData("aes-256.pdf")]
    [InlineData("aes-256-m.pdf")]
    [InlineData("rc4-40.pdf")]
    [InlineData("rc4-128.pdf")]
    public async Task Encrypted_pdf_needs_its_password(string file)
    {
        RepositoryPaths.RequireTool("pdftotext");
        RepositoryPaths.RequireTool("qpdf");
        var path = Path.Combine(RepositoryPaths.RequireShared("documents", "pdf-encrypted"), file);
        using var extract = new Extract();

        var missing = await Assert.ThrowsAsync<IngestionException>(() => extract.FileAsync(path));
        var wrong = await Assert.ThrowsAsync<IngestionException>(() => extract.FileAsync(path, password: "not-the-password"));
        var withUser = await extract.FileAsync(path, password: "foo");
        var withOwner = await extract.FileAsync(path, password: "baz");

        Assert.Equal(IngestionError.PasswordRequired, missing.Error);
        Assert.Equal(IngestionError.WrongPassword, wrong.Error);
        Assert.Contains("Secret!", withUser.Text, StringComparison.Ordinal);
        Assert.Equal(withUser.Text, withOwner.Text);
    }

    [Fact]
    public async Task Pages_of_a_multi_page_pdf_hold_that_page_text()
    {
        RepositoryPaths.RequireTool("pdftotext");
        var path = Path.Combine(RepositoryPaths.RequireShared("documents", "pdf-samples-with-expectations"), "004-pdflatex-4-pages", "pdflatex-4-pages.pdf");
        using var extract = new Extract();

        var document = await extract.FileAsync(path);

        Assert.Equal([1, 2, 3, 4], document.Pages.Select(p => p.Number));
        foreach (var page in document.Pages)
        {
            var alone = await PdftotextPageAsync(path, page.Number);
            var ours = WordRecall.Words(document.Text[page.Start..page.End]);
            Assert.Equal(WordRecall.Words(alone), ours);
        }
    }

    [Fact]
    public async Task Numbered_headings_become_sections_even_when_pdftotext_joins_them_to_the_next_paragraph()
    {
        RepositoryPaths.RequireTool("pdftotext");
        using var extract = new Extract();

        var document = await extract.FileAsync(Path.Combine(RepositoryPaths.Corpora, "handbook", "people", "employee-handbook.pdf"));

        var headings = document.Blocks.Where(b => b.Kind == Core.Extraction.BlockKind.Heading).Select(b => document.Text[b.Start..b.End]).ToList();
        Assert.Equal(["1 Working hours", "2 Overtime and on-call duty", "3 Salary and payment", "4 Contracts and probation", "5 Notice periods"], headings.Take(5));
        var probation = document.Blocks.First(b => b.Kind != Core.Extraction.BlockKind.Heading && document.Text[b.Start..b.End].Contains("The probation period", StringComparison.Ordinal));
        Assert.Equal(["4 Contracts and probation"], probation.SectionPath);
        Assert.Equal(3, document.Pages.Single(p => p.Start <= probation.Start && probation.Start < p.End).Number);
        Assert.DoesNotContain(headings, h => h.StartsWith("Lumenfield", StringComparison.Ordinal));
    }

    private static async Task<string> PdftotextPageAsync(string path, int page)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", ["-f", $"{page}", "-l", $"{page}", "-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return text;
    }
}
