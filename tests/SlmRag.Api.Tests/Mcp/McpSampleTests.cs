using SlmRag.Api.Tests.Apis;
using SlmRag.Mcp.Sample;

namespace SlmRag.Api.Tests.Mcp;

/// <summary>The MCP sample's own code (not a <c>dotnet run</c>) against the service: it answers with a key and says why not without one.</summary>
public sealed class McpSampleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sample_lists_tools_and_collections_and_answers_with_citations_or_explains_a_refusal()
    {
        using var factory = new SlmRagApiFactory(SlmRagApiFactory.Keys(("ops", "slm_admin", ["admin"], ["*"], []), ("staff", "slm_staff", ["query"], ["policies"], [])));
        await AnswerDocuments.UploadAsync(await factory.ClientWithCollectionAsync("policies", "slm_admin"), "policies");

        var output = new StringWriter();
        var error = new StringWriter();
        var answered = await McpSample.RunAsync(factory.CreateClient("slm_staff"), factory.Server.BaseAddress, "policies", "What is the hotel limit in Amsterdam?", output, error, Ct);
        var refusedOutput = new StringWriter();
        var refusedError = new StringWriter();
        var refused = await McpSample.RunAsync(factory.CreateClient(), factory.Server.BaseAddress, "policies", "What is the hotel limit in Amsterdam?", refusedOutput, refusedError, Ct);

        Assert.Equal(0, answered);
        Assert.Equal(string.Empty, error.ToString());
        var lines = output.ToString();
        Assert.Contains("tool ask:", lines);
        Assert.Contains("\"name\":\"policies\"", lines);
        Assert.Contains("180 euros", lines);
        Assert.Contains("\"viewUrl\":\"http://localhost/view/policies/", lines);
        Assert.Equal(1, refused);
        Assert.Equal(string.Empty, refusedOutput.ToString());
        Assert.Contains("401", refusedError.ToString());
        Assert.Contains("SLMRAG_API_KEY", refusedError.ToString());
    }
}
