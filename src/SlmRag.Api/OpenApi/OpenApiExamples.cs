using System.Text.Json.Nodes;

namespace SlmRag.Api.OpenApi;

/// <summary>
/// An example request (for operations with a body) and an example success response for every operation
/// of the API, by operation id, as the API reference shows them. Values are trimmed real responses from
/// the sample corpus; OpenApiDocumentTests checks that every operation has them.
/// </summary>
internal static class OpenApiExamples
{
    private const string DocumentId = "ec36dad5b140ea93cbcb7851871a840f";
    private const string JobId = "01a234a8a76e7e5e8ab8ce5d5af3d2a3";

    private const string Citation = """
        {"number":1,"documentId":"%DocumentId%","chunkId":"63c34da735ce2210bbcc75e54e23c0a0","title":"Health and Safety at the Utrecht Office",
         "sectionPath":["Fire and evacuation"],"pageStart":1,"pageEnd":1,"snippet":"The assembly point is the square in front of the Jaarbeurs entrance, on the other side of the road.",
         "charStart":219,"charEnd":318,"sourceUrl":"https://intranet.example/safety","viewUrl":"/view/handbook/%DocumentId%?start=219&end=318"}
        """;

    private const string Chunk = """
        {"id":"63c34da735ce2210bbcc75e54e23c0a0","documentId":"%DocumentId%","collection":"handbook","ordinal":0,"title":"Health and Safety at the Utrecht Office",
         "sectionPath":["Fire and evacuation"],"pageStart":1,"pageEnd":1,"charStart":0,"charEnd":1417,"tokenCount":327,
         "contentHash":"1c555e0e190220dce402dad99e368f7c481ad4472d9269c5bd68528b535d0970","text":"When the fire alarm sounds, leave the building by the nearest stairway; do not use the lifts. The assembly point is the square in front of the Jaarbeurs entrance, on the other side of the road."}
        """;

    private const string Metadata = """{"tags":["policy","2026"],"sourceUrl":"https://intranet.example/safety","accessGroups":[],"title":null}""";

    private const string Document = """
        {"id":"%DocumentId%","collection":"handbook","key":"office/health-and-safety.pdf","version":1,"contentHash":"ec891f4b75799a5e0be4a1249953952b26fc3f2e34eb69aabf0f108bdd89e183",
         "pipelineFingerprint":"pdf-2;structured-v1;estimate-v1;max=350;overlap=50;english-porter-v2","title":"Health and Safety at the Utrecht Office","format":"Pdf",
         "fileName":"health-and-safety.pdf","sizeBytes":56115,"pageCount":3,"characterCount":3684,"chunkCount":4,"metadata":%Metadata%,
         "ingestedBy":"%JobId%/0","createdAt":"2026-12-02T02:48:08Z","updatedAt":"2026-12-02T02:48:08Z"}
        """;

    private const string Progress = """{"files":2,"filesDone":2,"succeeded":1,"unchanged":0,"failed":1,"pages":3,"chunks":4,"fraction":1}""";

    private const string Job = """
        {"id":"%JobId%","collection":"handbook","state":"Completed","createdAt":"2026-12-02T02:49:57Z","finishedAt":"2026-12-02T02:50:00Z",
         "items":[{"jobId":"%JobId%","ordinal":0,"fileName":"health-and-safety.pdf","documentKey":"health-and-safety.pdf","blobId":"fbb27aa48b8d4533b61619f8f0e044c2",
           "contentHash":"ec891f4b75799a5e0be4a1249953952b26fc3f2e34eb69aabf0f108bdd89e183","sizeBytes":56115,"metadata":%Metadata%,"hasPassword":false,"state":"Succeeded",
           "attempts":1,"error":null,"reason":null,"documentId":"%DocumentId%","pages":3,"chunks":4,"startedAt":"2026-12-02T02:49:58Z","finishedAt":"2026-12-02T02:49:59Z","reference":"%JobId%/0"},
          {"jobId":"%JobId%","ordinal":1,"fileName":"scan.pdf","documentKey":"scan.pdf","blobId":"0c2d6f0e1b5a4a67a1f0e3d2c1b0a998","contentHash":"5f0c6f0e1b5a4a67a1f0e3d2c1b0a9985f0c6f0e1b5a4a67a1f0e3d2c1b0a998",
           "sizeBytes":20480,"metadata":%Metadata%,"hasPassword":false,"state":"Failed","attempts":1,"error":"NoExtractableText","reason":"The PDF has no text layer (OCR is not supported).",
           "documentId":null,"pages":0,"chunks":0,"startedAt":"2026-12-02T02:49:59Z","finishedAt":"2026-12-02T02:50:00Z","reference":"%JobId%/1"}]}
        """;

    private const string Collection = """
        {"name":"handbook","description":"Sample corpus","localOnly":false,"embeddingModel":{"name":"static-sif:wink-sg-100d","dimensions":100,"hash":"bcc3521038fc40ad-a3E-05"},"createdAt":"2026-12-02T02:48:07Z"}
        """;

    private const string Answer = """
        {"text":"The assembly point is the square in front of the Jaarbeurs entrance, on the other side of the road. [1]","abstained":false,
         "citations":[%Citation%],
         "sources":[{"number":1,"documentId":"%DocumentId%","chunkId":"63c34da735ce2210bbcc75e54e23c0a0","title":"Health and Safety at the Utrecht Office","score":0.98,"tokens":434}],
         "model":"extractive","question":"Where is the fire assembly point?","searchQuery":"Where is the fire assembly point?","conversationId":null,"removedMarkers":0,"evidence":0.8458,
         "usage":{"inputTokens":0,"outputTokens":0},"timings":{"retrievalMs":17.2,"generationMs":0.6,"totalMs":17.8},
         "route":{"target":"Local","reason":"no-frontier","probability":0.02,"features":{"contextTokens":327,"localWindowTokens":1800,"strongDocuments":1,"comparison":false,"aggregation":false,"multiStep":false,"scoreMargin":0.5,"evidence":0.85,"contextRatio":0.18},"warning":null}}
        """;

    /// <summary>Request body examples by operation id.</summary>
    public static readonly IReadOnlyDictionary<string, string> Requests = new Dictionary<string, string>
    {
        ["CreateCollection"] = """{"name":"hr","description":"HR policies","localOnly":false}""",
        ["Search"] = """{"query":"how many days of annual leave do I get","limit":5,"mode":"Hybrid","tags":["policy"]}""",
        ["Ask"] = """{"question":"Where is the fire assembly point?","conversationId":"3f1c9a","tags":[]}""",
        ["ChatCompletions"] = """{"model":"handbook","messages":[{"role":"user","content":"Where is the fire assembly point?"}],"stream":false}""",
    };

    /// <summary>Success response examples by operation id (operations answering 204 have none).</summary>
    public static readonly IReadOnlyDictionary<string, string> Responses = new Dictionary<string, string>
    {
        ["GetHealth"] = """{"status":"ok","unexpectedIngestionFailures":0}""",
        ["CreateCollection"] = Collection,
        ["ListCollections"] = """[{"collection":%Collection%,"documents":24,"chunks":100}]""",
        ["GetCollection"] = """{"collection":%Collection%,"documents":24,"chunks":100}""",
        ["UploadDocuments"] = Job,
        ["ListDocuments"] = """{"documents":[%Document%],"total":1}""",
        ["GetDocument"] = Document,
        ["GetDocumentChunks"] = """[%Chunk%]""",
        ["ListJobs"] = """[%Job%]""",
        ["GetJob"] = Job,
        ["GetJobProgress"] = """{"id":"%JobId%","collection":"handbook","state":"Completed","progress":%Progress%}""",
        ["Search"] = """{"collection":"handbook","query":"fire assembly point","mode":"Hybrid","milliseconds":7.9,"hits":[{"score":0.98,"lexical":{"rank":1,"score":6.59},"dense":{"rank":4,"score":0.19},"chunk":%Chunk%}]}""",
        ["Ask"] = Answer,
        ["ChatCompletions"] = """
            {"id":"chatcmpl-5d1f","object":"chat.completion","created":1796179687,"model":"handbook",
             "choices":[{"index":0,"message":{"role":"assistant","content":"The assembly point is the square in front of the Jaarbeurs entrance, on the other side of the road. [1]"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":0,"completion_tokens":0,"total_tokens":0},"citations":[%Citation%],"abstained":false}
            """,
        ["ListModels"] = """{"object":"list","data":[{"id":"handbook","object":"model","created":1796179687,"owned_by":"slmrag"}]}""",
        ["RouterStats"] = """{"questions":12,"localShare":0.833,"frontierShare":0.167,"fallbacks":0,"reasons":{"no-frontier":10,"predicted-hard":2},"frontierTokens":5760,"frontierCost":0.0192,"medianMilliseconds":{"Local":18.0,"Frontier":1450.0}}""",
    };

    /// <summary>The Server-Sent Events a streamed answer sends (Accept: text/event-stream).</summary>
    public const string AnswerStream = """
        event: delta
        data: {"text":"The assembly point is the square in front of the Jaarbeurs entrance"}

        event: delta
        data: {"text":", on the other side of the road. [1]"}

        event: citations
        data: {"citations":[%Citation%],"abstained":false}

        event: done
        data: {"text":"The assembly point is … [1]","abstained":false,"citations":[…],"model":"extractive","timings":{"totalMs":17.8}}

        """;

    private static readonly (string Token, string Value)[] Parts =
    [
        ("%Answer%", Answer), ("%Job%", Job), ("%Document%", Document), ("%Collection%", Collection), ("%Chunk%", Chunk),
        ("%Citation%", Citation), ("%Metadata%", Metadata), ("%Progress%", Progress), ("%DocumentId%", DocumentId), ("%JobId%", JobId),
    ];

    /// <summary>The example with its shared parts (%Name%) filled in, as JSON.</summary>
    public static JsonNode Parse(string json) => JsonNode.Parse(Expand(json)) ?? throw new InvalidOperationException("An OpenAPI example is not JSON.");

    /// <summary>Fills in the shared parts, outermost first, so parts may contain other parts.</summary>
    public static string Expand(string text)
    {
        foreach (var (token, value) in Parts)
        {
            text = text.Replace(token, value, StringComparison.Ordinal);
        }

        return text;
    }
}
