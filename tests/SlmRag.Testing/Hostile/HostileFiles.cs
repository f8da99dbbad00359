using System.IO.Compression;
using System.Text;

namespace SlmRag.Testing.Hostile;

/// <summary>
/// Crafted files that have taken parsers down (stack overflows, minutes of CPU, gigabytes of memory), written by
/// code so the suite carries no binaries. Sizes are chosen to trip the limits while staying quick to write.
/// </summary>
public static class HostileFiles
{
    /// <summary>A Word document whose body nests <paramref name="depth"/> block content controls.</summary>
    public static string NestedContentControlsDocx(string directory, int depth = 30_000)
    {
        var body = new StringBuilder();
        body.Insert(0, "<w:sdt><w:sdtContent>", depth);
        body.Append("<w:p><w:r><w:t>deep</w:t></w:r></w:p>");
        body.Insert(body.Length, "</w:sdtContent></w:sdt>", depth);
        return Docx(directory, $"nested-{depth}.docx", body.ToString());
    }

    /// <summary>A small, valid Word document (the control in a batch of hostile files).</summary>
    public static string PlainDocx(string directory, string text) =>
        Docx(directory, "plain.docx", $"<w:p><w:r><w:t>{System.Security.SecurityElement.Escape(text)}</w:t></w:r></w:p>");

    public static string NestedDivsHtml(string directory, int depth = 200_000) =>
        Write(directory, $"nested-{depth}.html", "<!doctype html><html><body>" + string.Concat(Enumerable.Repeat("<div>", depth)) + "deep" + string.Concat(Enumerable.Repeat("</div>", depth)) + "</body></html>");

    /// <summary>Many flat elements: within any nesting limit, but a DOM of them outgrows a small heap.</summary>
    public static string ManyParagraphsHtml(string directory, int count = 1_000_000) =>
        Write(directory, $"many-{count}.html", "<!doctype html><html><body>" + string.Concat(Enumerable.Repeat("<p>a", count)) + "</body></html>");

    /// <summary>A Markdown list nested <paramref name="depth"/> levels by indentation.</summary>
    public static string DeepListMarkdown(string directory, int depth = 1_000)
    {
        var text = new StringBuilder("# Deep list\n\n");
        for (var i = 0; i < depth; i++)
        {
            text.Append(' ', i * 2).Append("- level ").Append(i).Append('\n');
        }

        return Write(directory, $"list-{depth}.md", text.ToString());
    }

    /// <summary>One line of <paramref name="count"/> block-quote markers.</summary>
    public static string QuoteMarkersMarkdown(string directory, int count = 100_000) =>
        Write(directory, $"quotes-{count}.md", new string('>', count) + " deep\n");

    /// <summary>A workbook of <paramref name="rows"/> rows of inline strings, streamed into the zip.</summary>
    public static string HugeXlsx(string directory, int rows)
    {
        var path = Path.Combine(directory, $"rows-{rows}.xlsx");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Entry(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
        Entry(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Entry(zip, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        Entry(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
        using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open(), new UTF8Encoding(false));
        sheet.Write("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        for (var r = 1; r <= rows; r++)
        {
            sheet.Write($"""<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>row {r} of the ledger</t></is></c><c r="B{r}"><v>{r}</v></c></row>""");
        }

        sheet.Write("</sheetData></worksheet>");
        return path;
    }

    /// <summary>A PDF whose only page's content is an array nested <paramref name="depth"/> levels deep (recursive parsers overflow).</summary>
    public static string NestedArrayPdf(string directory, int depth = 200_000)
    {
        var nested = new string('[', depth) + new string(']', depth);
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Deep {nested} >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(i + 1).Append(" 0 obj\n").Append(objects[i]).Append("\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append("xref\n0 ").Append(objects.Length + 1).Append("\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(offset.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        pdf.Append("trailer\n<< /Size ").Append(objects.Length + 1).Append(" /Root 1 0 R >>\nstartxref\n").Append(xref).Append("\n%%EOF\n");
        return Write(directory, $"nested-array-{depth}.pdf", pdf.ToString());
    }

    private static string Docx(string directory, string name, string bodyXml)
    {
        var path = Path.Combine(directory, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Entry(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
        Entry(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""");
        Entry(zip, "word/document.xml", $"""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{bodyXml}</w:body></w:document>""");
        return path;
    }

    private static void Entry(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }

    private static string Write(string directory, string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
