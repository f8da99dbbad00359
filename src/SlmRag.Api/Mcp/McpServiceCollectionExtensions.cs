using SlmRag.Api.Security;

namespace SlmRag.Api.Mcp;

public static class McpServiceCollectionExtensions
{
    /// <summary>The MCP server: SlmRag's tools over streamable HTTP, stateless (any replica can serve any call).</summary>
    public static IServiceCollection AddSlmRagMcp(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddMcpServer(o => o.ServerInfo = new() { Name = "slmrag", Version = typeof(McpServiceCollectionExtensions).Assembly.GetName().Version?.ToString() ?? "1.0" })
            .WithHttpTransport(o => o.Stateless = true)
            .WithTools([typeof(SlmRagMcpTools)]);
        return services;
    }

    /// <summary>Maps /mcp behind the same API-key authentication, query scope and rate limit as the REST API.</summary>
    public static IEndpointRouteBuilder MapMcpApi(this IEndpointRouteBuilder app)
    {
        app.MapMcp("/mcp").RequireAuthorization(Scopes.Query).RequireRateLimiting(SecurityServiceCollectionExtensions.RateLimitPolicy).WithTags("MCP");
        return app;
    }
}
