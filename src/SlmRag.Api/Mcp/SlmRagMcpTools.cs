using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using SlmRag.Answers;
using SlmRag.Api.Security;
using SlmRag.Api.Viewer;
using SlmRag.Core.Collections;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;

namespace SlmRag.Api.Mcp;

/// <summary>
/// SlmRag's tools for agents over MCP (streamable HTTP at /mcp). The caller is the API key of the HTTP request,
/// applied exactly as on REST: the endpoint needs the query scope, a tool sees only the key's collections and
/// searches with its groups, so documents behind access lists stay hidden.
/// </summary>
[McpServerToolType]
public static class SlmRagMcpTools
{
    public sealed record CollectionEntry(string Name, string? Description, int Documents, bool LocalOnly);

    public sealed record SearchResult(string DocumentId, string Title, IReadOnlyList<string> SectionPath, int? Page, double Score, string Text);

    public sealed record AskResult(string Answer, bool Abstained, string Model, string Route, IReadOnlyList<Citation> Citations);

    [McpServerTool(Name = "list_collections", ReadOnly = true), Description("Lists the document collections this API key may search and ask.")]
    public static async Task<IReadOnlyList<CollectionEntry>> ListCollections(ICatalogStore catalog, IHttpContextAccessor http, CancellationToken cancellationToken)
    {
        var caller = Caller(http);
        var entries = new List<CollectionEntry>();
        foreach (var summary in (await catalog.ListCollectionsAsync(cancellationToken)).Where(c => caller.CanUse(c.Collection.Name)))
        {
            // Counted as REST counts them: documents hidden from the key are not counted.
            var visible = await VisibleCounts.ForAsync(summary, catalog, caller, cancellationToken);
            entries.Add(new CollectionEntry(visible.Collection.Name, visible.Collection.Description, visible.Documents, visible.Collection.LocalOnly));
        }

        return entries;
    }

    [McpServerTool(Name = "search", ReadOnly = true), Description("Searches a collection (hybrid lexical and semantic) and returns the best passages with their documents.")]
    public static async Task<IReadOnlyList<SearchResult>> Search(
        [Description("The collection to search (see list_collections).")] string collection,
        [Description("What to look for.")] string query,
        HybridRetriever retriever, ICatalogStore catalog, IHttpContextAccessor http, CancellationToken cancellationToken,
        [Description("Passages to return, 1-50.")] int limit = 8)
    {
        var caller = Usable(http, collection);
        if (string.IsNullOrWhiteSpace(query) || query.Length > 4000 || limit is < 1 or > 50)
        {
            throw new McpException("A query of 1 to 4000 characters and a limit of 1 to 50 are required.");
        }

        var hits = await Guard(collection, () => retriever.RetrieveAsync(collection, query, caller.Filter(), limit, RetrievalMode.Hybrid, cancellationToken));
        var chunks = (await catalog.GetChunksByIdAsync(collection, hits.Select(h => h.ChunkId).ToList(), cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        return hits.Where(h => chunks.ContainsKey(h.ChunkId)).Select(h => chunks[h.ChunkId] is var c
            ? new SearchResult(c.DocumentId, c.Title, c.SectionPath, c.PageStart, Math.Round(h.Score, 4), c.Text) : null!).ToList();
    }

    [McpServerTool(Name = "ask", ReadOnly = true), Description("Answers a question from a collection's documents, with numbered citations ([1]) that link to the cited passages.")]
    public static async Task<AskResult> Ask(
        [Description("The collection to ask (see list_collections).")] string collection,
        [Description("The question.")] string question,
        AnswerService answers, CitationLinks links, IHttpContextAccessor http, CancellationToken cancellationToken)
    {
        var caller = Usable(http, collection);
        if (string.IsNullOrWhiteSpace(question) || question.Length > 4000)
        {
            throw new McpException("A question of 1 to 4000 characters is required.");
        }

        var answer = await Guard(collection, () => answers.AskAsync(new AnswerRequest(collection, question.Trim(), caller.Filter(), caller.Name), cancellationToken));
        return new AskResult(answer.Text, answer.Abstained, answer.Model, answer.Route?.Target.ToString() ?? "Local",
            links.Attach(answer.Citations, collection, caller, http.HttpContext!.Request));
    }

    private static CallerAccess Caller(IHttpContextAccessor http) =>
        CallerAccess.From(http.HttpContext?.User ?? throw new InvalidOperationException("MCP tools run inside an HTTP request."));

    /// <summary>The caller, when it may use the collection; otherwise the same "not found" REST gives (existence is not revealed).</summary>
    private static CallerAccess Usable(IHttpContextAccessor http, string collection)
    {
        var caller = Caller(http);
        return caller.CanUse(collection) ? caller : throw new McpException($"Collection '{collection}' was not found.");
    }

    private static async Task<T> Guard<T>(string collection, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (CollectionNotFoundException)
        {
            throw new McpException($"Collection '{collection}' was not found.");
        }
    }
}
