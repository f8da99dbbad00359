namespace SlmRag.Api.Security;

/// <summary>
/// Refuses requests for a collection the API key may not use, as 404 (the same answer as for a collection
/// that does not exist, so a key cannot probe for other collections' names).
/// </summary>
public sealed class CollectionAccessFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Request.RouteValues.TryGetValue("collection", out var value) && value is string collection
            && !CallerAccess.From(context.HttpContext.User).CanUse(collection))
        {
            return Apis.Problems.CollectionNotFound(collection);
        }

        return await next(context);
    }
}
