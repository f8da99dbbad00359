using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SlmRag.Api.Security;

public static class SecurityServiceCollectionExtensions
{
    public const string WidgetCorsPolicy = "widget";
    public const string RateLimitPolicy = "per-key";

    /// <summary>API keys (authentication, one policy per scope), CORS for publishable keys' origins and Widget:AllowedOrigins, and per-key rate limits.</summary>
    public static IServiceCollection AddSlmRagSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.SectionName))
            .Validate(o => o.Keys.All(k => !string.IsNullOrWhiteSpace(k.Name)), "Auth:Keys:N:Name is required for every key.")
            .Validate(o => o.Keys.All(k => k.Hash.Length == 64 && k.Hash.All(Uri.IsHexDigit)), "Auth:Keys:N:Hash must be the 64-hex-digit SHA-256 of the key (slmrag keys create prints it).")
            .Validate(o => o.Keys.All(k => k.Scopes.All(s => Scopes.All.Contains(s.ToLowerInvariant()))), "Auth:Keys:N:Scopes may hold admin, ingest and query.")
            .Validate(o => o.Keys.All(k => !k.Publishable || k.Origins.Count > 0), "Auth:Keys:N:Origins must list the intranet origins of a publishable key.")
            .Validate(o => o.Keys.Select(k => k.Hash.ToLowerInvariant()).Distinct().Count() == o.Keys.Count, "Auth:Keys holds the same key twice.")
            .Validate(o => o.RequestsPerMinute >= 0, "Auth:RequestsPerMinute must be 0 (off) or positive.")
            .Validate(o => o.UnauthenticatedRequestsPerMinute >= 0, "Auth:UnauthenticatedRequestsPerMinute must be 0 (off) or positive.")
            .ValidateOnStart();
        services.AddOptions<WidgetOptions>().Bind(configuration.GetSection(WidgetOptions.SectionName))
            .Validate(o => o.AllowedOrigins.All(WidgetOptions.IsOrigin), "Widget:AllowedOrigins holds origins such as https://intranet.example (scheme, host, optional port; no path or trailing slash).")
            .ValidateOnStart();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Scopes.Admin, p => p.RequireClaim(CallerAccess.ScopeClaim, Scopes.Admin))
            .AddPolicy(Scopes.Ingest, p => p.RequireClaim(CallerAccess.ScopeClaim, Scopes.Admin, Scopes.Ingest))
            .AddPolicy(Scopes.Query, p => p.RequireClaim(CallerAccess.ScopeClaim, Scopes.Admin, Scopes.Query));
        services.AddCors();
        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>>(sp => new ConfigureOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>(cors =>
        {
            var keys = sp.GetRequiredService<IOptionsMonitor<ApiKeyOptions>>();
            var widget = sp.GetRequiredService<IOptionsMonitor<WidgetOptions>>();
            cors.AddPolicy(WidgetCorsPolicy, policy => policy
                .SetIsOriginAllowed(origin => widget.CurrentValue.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase)
                    || keys.CurrentValue.Keys.Any(k => k.Publishable && k.Origins.Contains(origin, StringComparer.OrdinalIgnoreCase)))
                .WithHeaders("Authorization", "Content-Type", "X-Api-Key", "Accept")
                .WithMethods("GET", "POST")
                .WithExposedHeaders("Retry-After"));
        }));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                const string Message = "Too many requests for this API key (or, without a valid key, from this address); retry after the time in Retry-After.";
                var rejection = Apis.OpenAIErrors.AppliesTo(context.HttpContext)
                    ? Apis.OpenAIErrors.Result(StatusCodes.Status429TooManyRequests, Message)
                    : Results.Problem(Message, statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limit exceeded");
                await rejection.ExecuteAsync(context.HttpContext);
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(UnauthenticatedPartition);
            limiter.AddPolicy(RateLimitPolicy, context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptionsMonitor<ApiKeyOptions>>().CurrentValue;
                var caller = context.User.Identity?.Name ?? CallerAccess.AnonymousName;
                var permits = settings.Keys.FirstOrDefault(k => k.Name == caller)?.RequestsPerMinute ?? settings.RequestsPerMinute;
                if (permits <= 0)
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                var partition = caller == CallerAccess.AnonymousName ? $"ip:{context.Connection.RemoteIpAddress}" : $"key:{caller}";
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>
    /// Requests without a valid key and viewer links are limited per client address: otherwise an attacker could
    /// try keys or link signatures at full speed (the per-key limit only starts once a key is valid).
    /// Health probes and the widget script are exempt.
    /// </summary>
    private static RateLimitPartition<string> UnauthenticatedPartition(HttpContext context)
    {
        var path = context.Request.Path;
        var viewer = path.StartsWithSegments("/view");
        if ((!viewer && context.User.Identity?.IsAuthenticated == true)
            || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/widget.js"))
        {
            return RateLimitPartition.GetNoLimiter("authenticated");
        }

        var permits = context.RequestServices.GetRequiredService<IOptionsMonitor<ApiKeyOptions>>().CurrentValue.UnauthenticatedRequestsPerMinute;
        if (permits <= 0)
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        return RateLimitPartition.GetFixedWindowLimiter($"unauthenticated:{context.Connection.RemoteIpAddress}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}
