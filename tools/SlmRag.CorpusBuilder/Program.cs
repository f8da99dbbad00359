using SlmRag.CorpusBuilder;

// Writes corpora/handbook/**/*.docx|pdf|xlsx from corpora/sources/**/*.{docx,pdf,xlsx}.md.
// Usage: dotnet run --project tools/SlmRag.CorpusBuilder -- [repository root]
// PDFsharp 6.5 refuses to run until a license is chosen. This builder is a development tool that is never
// shipped with SlmRag; it only writes the sample corpus, so PDFsharp's free AGPL license applies to it alone.
PdfSharp.PdfSharpLicense.SetAgplLicense();

var root = Path.GetFullPath(args.Length > 0 ? args[0] : ".");
var sources = Path.Combine(root, "corpora", "sources");
var target = Path.Combine(root, "corpora", "handbook");
if (!Directory.Exists(sources))
{
    Console.Error.WriteLine($"No corpus sources at {sources}; pass the repository root.");
    return 2;
}

foreach (var source in Directory.EnumerateFiles(sources, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
{
    var relative = Path.GetRelativePath(sources, source)[..^3];
    var output = Path.Combine(target, relative);
    Directory.CreateDirectory(Path.GetDirectoryName(output)!);
    var document = SourceDocument.Parse(File.ReadAllText(source));
    switch (Path.GetExtension(relative))
    {
        case ".docx":
            DocxWriter.Write(document, output);
            break;
        case ".pdf":
            var pages = PdfWriter.Write(document, output);
            Console.WriteLine($"  {relative}: {string.Join(", ", pages.Select(p => $"'{p.Heading}' p.{p.Page}"))}");
            break;
        case ".xlsx":
            XlsxWriter.Write(document, output);
            break;
        default:
            Console.Error.WriteLine($"Skipping {relative}: name it *.docx.md, *.pdf.md or *.xlsx.md.");
            continue;
    }

    Console.WriteLine($"wrote {Path.GetRelativePath(root, output)}");
}

return 0;
