using System.Net.Http.Headers;
using SlmRag.Core.Jobs;

namespace SlmRag.Api.Tests.Apis;

/// <summary>A small collection for answer tests: public policies and one document only the board may read.</summary>
internal static class AnswerDocuments
{
    public const string Leave = "# Annual leave\n\nFull-time employees receive 27 days of paid annual leave per calendar year. Unused days can be carried over until 31 March.\n";
    public const string Travel = "# Travel\n\nTake the train for trips under four hours door to door. The hotel limit in Amsterdam is 180 euros per night.\n";
    public const string Board = "# Board compensation\n\nThe board bonus pool for 2026 is 740,000 euros, split among the seven board members.\n";

    public static async Task UploadAsync(HttpClient client, string collection)
    {
        await UploadAsync(client, collection, [("leave.md", Leave), ("travel.md", Travel)], null);
        await UploadAsync(client, collection, [("board.md", Board)], "board");
    }

    public static async Task UploadAsync(HttpClient client, string collection, (string Name, string Text)[] files, string? group)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, text) in files)
        {
            var part = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text));
            part.Headers.ContentType = new MediaTypeHeaderValue("text/markdown");
            form.Add(part, "files", name);
        }

        if (group is not null)
        {
            form.Add(new StringContent(group), "accessGroups");
        }

        form.Add(new StringContent("https://intranet.example/policies"), "sourceUrl");
        var response = await client.PostAsync($"/v1/collections/{collection}/documents", form, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var job = await SlmRagApiFactory.WaitForJobAsync(client, response.Headers.Location!);
        Assert.All(job.Items, i => Assert.Equal(JobItemState.Succeeded, i.State));
    }
}
