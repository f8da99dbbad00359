using System.Security.Claims;
using SlmRag.Core.Retrieval;

namespace SlmRag.Api.Security;

/// <summary>What the authenticated caller may do: scopes, collections and the groups its searches run with.</summary>
/// <param name="Anonymous">Open mode (no keys configured): all scopes, but documents with access lists stay hidden.</param>
public sealed record CallerAccess(string Name, IReadOnlySet<string> Scopes, IReadOnlySet<string> Collections, IReadOnlyList<string> Groups, bool Publishable, bool Anonymous)
{
    public const string ScopeClaim = "slmrag:scope";
    public const string CollectionClaim = "slmrag:collection";
    public const string GroupClaim = "slmrag:group";
    public const string PublishableClaim = "slmrag:publishable";
    public const string AnonymousName = "anonymous";

    public bool IsAdmin => Scopes.Contains(Security.Scopes.Admin);

    public bool Has(string scope) => IsAdmin || Scopes.Contains(scope);

    public bool CanUse(string collection) => Collections.Count == 0 || Collections.Contains("*") || Collections.Contains(collection);

    /// <summary>The search filter of this caller: administrators see everything; others their groups' documents and unrestricted ones.</summary>
    public SearchFilter Filter(IReadOnlyList<string>? tags = null) => new(tags ?? [], Groups, SeesEverything: IsAdmin && !Anonymous);

    /// <summary>True when the document's access list lets this caller read it.</summary>
    public bool MayRead(SlmRag.Core.Documents.DocumentRecord document) => Filter().Allows([], document.Metadata.AccessGroups);

    /// <summary>
    /// True when this caller may store a document with this access list: one it can read itself (no list, or one sharing a group
    /// with the key). Administrators and open mode (no keys configured) may set any list.
    /// </summary>
    public bool MayWrite(IReadOnlyCollection<string> accessGroups) =>
        IsAdmin || Anonymous || accessGroups.Count == 0 || accessGroups.Any(Groups.Contains);

    public static CallerAccess From(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? AnonymousName,
        user.FindAll(ScopeClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        user.FindAll(CollectionClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        user.FindAll(GroupClaim).Select(c => c.Value).ToList(),
        user.HasClaim(PublishableClaim, "true"),
        (user.Identity?.Name ?? AnonymousName) == AnonymousName);
}
