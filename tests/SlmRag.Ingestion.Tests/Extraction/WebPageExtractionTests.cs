using System.Text.Json;
using SlmRag.Testing;

namespace SlmRag.Ingestion.Tests.Extraction;

/// <summary>Real web pages (Readability's test pages): title, main text, and no scripts or navigation.</summary>
public sealed class WebPageExtractionTests
{
    [Fact]
    public async Task Titles_match_and_boilerplate_is_dropped()
    {
        var folder = RepositoryPaths.RequireShared("documents", "web-pages");
        using var extract = new Extract();
        var pages = Directory.GetDirectories(folder).Order().ToList();
        var titled = 0;
        var excerpts = 0;
        foreach (var page in pages)
        {
            var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(page, "expected-metadata.json"), TestContext.Current.CancellationToken)).RootElement;
            var document = await extract.FileAsync(Path.Combine(page, "source.html"));
            Assert.DoesNotContain("function(", document.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", document.Text, StringComparison.OrdinalIgnoreCase);

            var title = expected.TryGetProperty("title", out var t) ? t.GetString() : null;
            if (title is not null && Overlap(title, document.Title) >= 0.8)
            {
                titled++;
            }

            var excerpt = expected.TryGetProperty("excerpt", out var e) ? e.GetString() : null;
            if (excerpt is not null && WordRecall.Of(excerpt, document.Text) >= 0.8)
            {
                excerpts++;
            }
        }

        Assert.True(titled >= pages.Count * 0.75, $"{titled} of {pages.Count} titles match.");
        Assert.True(excerpts >= pages.Count * 0.75, $"{excerpts} of {pages.Count} excerpts are in the extracted text.");
    }

    private static double Overlap(string expected, string actual)
    {
        var want = WordRecall.Words(expected);
        var have = WordRecall.Words(actual).ToHashSet();
        return want.Count == 0 ? 1 : (double)want.Count(have.Contains) / want.Count;
    }
}
