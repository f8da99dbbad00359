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
        return app;
    }

    /// <summary>The &lt;slmrag-chat&gt; web component: one script tag on an intranet page.</summary>
    public static IResult GetWidget(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=300";
        context.Response.Headers.AccessControlAllowOrigin = "*";
        return TypedResults.Bytes(Script.Value, "text/javascript; charset=utf-8");
    }
}
