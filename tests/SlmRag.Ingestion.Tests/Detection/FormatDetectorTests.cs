using System.IO.Compression;
using SlmRag.Core.Documents;
using SlmRag.Core.Ingestion;
using SlmRag.Ingestion.Tests.Extraction;
using SlmRag.Testing;

namespace SlmRag.Ingestion.Tests.Detection;

public sealed class FormatDetectorTests
{
    [Theory]
    [InlineData("pdf-real/simple1.pdf", "notes.txt", SourceFormat.Pdf)]
    [InlineData("docx/sources/word_sample.docx", "report.pdf", SourceFormat.Docx)]
    [InlineData("pptx/sources/powerpoint_sample.pptx", "deck", SourceFormat.Pptx)]
    [InlineData("xlsx/sources/xlsx_01.xlsx", "sheet.bin", SourceFormat.Xlsx)]
    [InlineData("web-pages/cnn/source.html", "page.txt", SourceFormat.Html)]
    [InlineData("markdown/sources/wiki.md", "wiki.md", SourceFormat.Markdown)]
    [InlineData("markdown/sources/wiki.md", "wiki.txt", SourceFormat.PlainText)]
    public async Task Format_comes_from_content_not_from_the_name(string file, string uploadName, SourceFormat expected)
    {
        var path = Path.Combine(RepositoryPaths.RequireShared("documents"), file);
        using var extract = new Extract();

        var document = await extract.FileAsync(path, fileName: uploadName);

        Assert.Equal(expected, document.Format);
    }

    [Theory]
    [InlineData("mixed/packages/markitdown/tests/test_files/random.bin")]
    [InlineData("mixed/packages/markitdown/tests/test_files/test_files.zip")]
    [InlineData("mixed/packages/markitdown/tests/test_files/test.xls")]
    [InlineData("mixed/packages/markitdown/tests/test_files/test.jpg")]
    [InlineData("mixed/packages/markitdown/tests/test_files/test.epub")]
    public async Task Unsupported_files_fail_with_a_reason(string file)
    {
        var path = Path.Combine(RepositoryPaths.RequireShared("documents"), file);
        using var extract = new Extract();

        var error = await Assert.ThrowsAsync<IngestionException>(() => extract.FileAsync(path));

        Assert.Equal(IngestionError.UnsupportedType, error.Error);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task Empty_file_fails_as_empty()
    {
        using var temp = new TempDirectory();
        using var extract = new Extract();

        var error = await Assert.ThrowsAsync<IngestionException>(() => extract.FileAsync(temp.File("empty.md", string.Empty)));

        Assert.Equal(IngestionError.EmptyFile, error.Error);
    }

    [Fact]
    public async Task Office_decompression_bomb_is_refused_before_it_is_opened()
    {
        using var temp = new TempDirectory();
        var path = temp.File("bomb.docx");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            await using (var types = zip.CreateEntry("[Content_Types].xml").Open())
            {
                await types.WriteAsync("<Types/>"u8.ToArray(), TestContext.Current.CancellationToken);
            }

            await using var body = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                await body.WriteAsync(zeros, TestContext.Current.CancellationToken);
            }
        }

        using var extract = new Extract();
        var error = await Assert.ThrowsAsync<IngestionException>(() => extract.FileAsync(path));

        Assert.Equal(IngestionError.SuspiciousArchive, error.Error);
        Assert.Contains("MaxCompressionRatio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_office_file_fails_as_malformed()
    {
        var source = Path.Combine(RepositoryPaths.RequireShared("documents", "docx", "sources"), "word_sample.docx");
        using var temp = new TempDirectory();
        var path = temp.File("truncated.docx");
        var bytes = await File.ReadAllBytesAsync(source, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)], TestContext.Current.CancellationToken);
        using var extract = new Extract();

        var error = await Assert.ThrowsAsync<IngestionException>(() => extract.FileAsync(path));

        Assert.Equal(IngestionError.Malformed, error.Error);
    }
}
