using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SlmRag.Api.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key</c> against the configured key
/// hashes. A publishable key is accepted only with an Origin header it lists. Failures answer with
/// ProblemDetails (401 without a valid key, 403 without the scope or collection).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ApiKeyOptions> keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var settings = keys.CurrentValue;
        var presented = PresentedKey(Request);
        if (settings.Open)
        {
            return Task.FromResult(Success(CallerAccess.AnonymousName, Scopes.All, ["*"], [], publishable: false));
        }

        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var hash = ApiKeyHasher.Hash(presented);
        var entry = settings.Keys.FirstOrDefault(k => string.Equals(k.Hash, hash, StringComparison.OrdinalIgnoreCase));
        if (entry is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        if (entry.Publishable)
        {
            var origin = Request.Headers.Origin.ToString();
            if (origin.Length == 0 || !entry.Origins.Contains(origin, StringComparer.OrdinalIgnoreCase))
            {
                return Task.FromResult(AuthenticateResult.Fail($"The publishable key '{entry.Name}' is only valid from its configured origins."));
            }
        }

        var scopes = entry.Publishable ? [Scopes.Query] : entry.Scopes;
        return Task.FromResult(Success(entry.Name, scopes, entry.Collections, entry.Groups, entry.Publishable));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "API key required",
            failure ?? "Send an API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "This API key lacks the scope this request needs.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = "Bearer";
        }

        if (Apis.OpenAIErrors.AppliesTo(Context))
        {
            return Apis.OpenAIErrors.WriteAsync(Context, status, detail);
        }

        return Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(Context);
    }

    private AuthenticateResult Success(string name, IEnumerable<string> scopes, IEnumerable<string> collections, IEnumerable<string> groups, bool publishable)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        claims.AddRange(scopes.Select(s => new Claim(CallerAccess.ScopeClaim, s.ToLowerInvariant())));
        claims.AddRange(collections.Select(c => new Claim(CallerAccess.CollectionClaim, c)));
        claims.AddRange(groups.Select(g => new Claim(CallerAccess.GroupClaim, g)));
        if (publishable)
        {
            claims.Add(new Claim(CallerAccess.PublishableClaim, "true"));
        }

        var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, null);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = request.Headers["X-Api-Key"].ToString();
        return header.Length > 0 ? header : null;
    }
}
