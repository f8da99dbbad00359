using System.Reflection;

namespace SlmRag.Api.Apis;

public static class WidgetApi
{
    private static readonly Lazy<byte[]> Script = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SlmRag.Api.Widget.widget.js")
            ?? throw new InvalidOperationException("widget.js is not embedded in SlmRag.Api.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IEndpointRouteBuilder MapWidgetApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/widget.js", GetWidget).WithName("Widget").WithTags("Answers").AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/widget", GetTryPage).WithName("WidgetTryPage").AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>The &lt;slmrag-chat&gt; web component: one script tag on an intranet page.</summary>
    public static IResult GetWidget(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=300";
        context.Response.Headers.AccessControlAllowOrigin = "*";
        return TypedResults.Bytes(Script.Value, "text/javascript; charset=utf-8");
    }

    /// <summary>
    /// A page on the service's own origin with the widget, to try it before embedding it (same origin: no CORS
    /// set-up, no key while the service runs open). <c>?collection=NAME</c> picks the collection.
    /// </summary>
    public static IResult GetTryPage(string? collection)
    {
        var name = collection is { Length: > 0 } && SlmRag.Core.Collections.CollectionName.IsValid(collection) ? collection : "handbook";
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>SlmRag widget</title><script src="/widget.js" defer></script>
            <style>body { font: 15px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1c1c1c; } code { background: #f3f3f3; padding: 0 .2em; }</style>
            </head><body>
            <h1>Ask the '{{name}}' collection</h1>
            <slmrag-chat collection="{{name}}"></slmrag-chat>
            <p>To embed it in another site, put <code>&lt;script src="ORIGIN-OF-THIS-SERVICE/widget.js" defer&gt;&lt;/script&gt;</code> and
            <code>&lt;slmrag-chat collection="{{name}}"&gt;&lt;/slmrag-chat&gt;</code> on the page, and add that site's origin to
            <code>Widget:AllowedOrigins</code> (open service) or make a publishable key for it (<code>slmrag keys create --origin</code>).</p>
            </body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
