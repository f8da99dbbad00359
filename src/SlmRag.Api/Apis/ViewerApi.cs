using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using SlmRag.Api.Viewer;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;

namespace SlmRag.Api.Apis;

public static class ViewerApi
{
    public static IEndpointRouteBuilder MapViewerApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/view/{collection}/{documentId}", View).WithName("ViewDocument").WithTags("Answers").AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The extracted text of a document with the cited passage [start, end) highlighted and scrolled to, and
    /// its page shown. Reached from citation links, whose signed token stands in for the API key.
    /// </summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> View(
        string collection, string documentId, int? start, int? end, string? g, long? exp, string? sig,
        ICatalogStore catalog, CitationLinks links, CancellationToken cancellationToken)
    {
        var groups = links.Verify(collection, documentId, g, exp, sig);
        var document = groups is null ? null : await catalog.GetDocumentAsync(collection, documentId, cancellationToken);
        var filter = groups is ["*"] ? SearchFilter.Everything : new SearchFilter([], groups ?? []);
        if (document is null || !filter.Allows([], document.Metadata.AccessGroups)
            || await catalog.GetContentAsync(collection, documentId, cancellationToken) is not { } content)
        {
            // The same answer for a missing document, a forged or expired link and a document the link does not cover.
            return Problems.NotFound("The document (or a valid link to it)");
        }

        var from = Math.Clamp(start ?? 0, 0, content.Text.Length);
        var to = Math.Clamp(end ?? from, from, content.Text.Length);
        var page = content.Pages.FirstOrDefault(p => p.Start <= from && from < p.End)?.Number;
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>")
            .Append(WebUtility.HtmlEncode(document.Title)).Append("</title><style>")
            .Append("body{font:16px/1.55 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1c1c1c}")
            .Append("pre{white-space:pre-wrap;font:inherit}mark{background:#ffe48a;padding:.1em 0}.page{color:#777;font-size:.85em;margin:1.2em 0 .3em;border-top:1px solid #ddd}")
            .Append("header p{color:#555}</style></head><body><header><h1>").Append(WebUtility.HtmlEncode(document.Title)).Append("</h1><p>")
            .Append(page is null ? string.Empty : $"Cited passage on page {page}. ")
            .Append(document.Metadata.SourceUrl is { } url ? $"<a href=\"{WebUtility.HtmlEncode(url)}\">Original document</a>" : WebUtility.HtmlEncode(document.FileName))
            .Append("</p></header><main><pre>");
        var position = 0;
        foreach (var span in content.Pages.Count > 0 ? content.Pages : [new SlmRag.Core.Extraction.PageSpan(0, 0, content.Text.Length)])
        {
            if (span.Number > 0)
            {
                html.Append("<div class=\"page\">Page ").Append(span.Number).Append("</div>");
            }

            position = Math.Max(position, span.Start);
            AppendRange(html, content.Text, position, span.End, from, to);
            position = span.End;
        }

        AppendRange(html, content.Text, position, content.Text.Length, from, to);
        html.Append("</pre></main><script>document.getElementById('cited')?.scrollIntoView({block:'center'})</script></body></html>");
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static void AppendRange(StringBuilder html, string text, int start, int end, int markStart, int markEnd)
    {
        for (var i = start; i < end;)
        {
            var next = i < markStart ? Math.Min(end, markStart) : i < markEnd ? Math.Min(end, markEnd) : end;
            var inMark = i >= markStart && i < markEnd;
            if (inMark)
            {
                html.Append(i == markStart ? "<mark id=\"cited\">" : "<mark>");
            }

            html.Append(WebUtility.HtmlEncode(text[i..next]));
            if (inMark)
            {
                html.Append("</mark>");
            }

            i = next;
        }
    }
}
