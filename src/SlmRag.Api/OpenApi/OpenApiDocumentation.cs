using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using SlmRag.Answers;

namespace SlmRag.Api.OpenApi;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) with what the endpoints' types cannot say by themselves:
/// the /ask response in both media types, the upload's multipart fields, the ProblemDetails errors,
/// the API-key schemes and an example for every operation; and the browsable reference at <c>/reference</c>.
/// </summary>
public static class OpenApiDocumentation
{
    public const string ReferencePath = "/reference";

    public static IServiceCollection AddSlmRagOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(TransformAsync);
        });

    /// <summary>Scalar's API reference, served from the package (no CDN), reading the service's own document.</summary>
    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("SlmRag API reference")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts())
            .AllowAnonymous();
        return app;
    }

    private static void Describe(OpenApiDocument document)
    {
        document.Info.Title = "SlmRag";
        document.Info.Description = """
            A self-hosted knowledge service: upload documents, search them, and ask questions answered from them with citations.

            **Keys.** With no keys configured (`Auth:Keys` empty) the service is open: every caller is anonymous with all scopes and sees
            documents uploaded without `accessGroups`. Otherwise send a key as `Authorization: Bearer <key>` or `X-Api-Key: <key>`
            (`slmrag keys create`); 401 without a valid key, 403 without the scope, 404 for a collection the key may not use.

            **Errors** are `application/problem+json` (RFC 9457). Each key has a request budget per minute (429 with `Retry-After`).
            """;
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key made by `slmrag keys create` (not needed while no keys are configured).",
        };
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "The same key in a header instead of Authorization.",
        };
    }

    private static async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var id = operation.OperationId ?? string.Empty;
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            parameter.Example = parameter.Name switch
            {
                "collection" => JsonValue.Create("handbook"),
                "documentId" => JsonValue.Create("ec36dad5b140ea93cbcb7851871a840f"),
                "jobId" => JsonValue.Create("01a234a8a76e7e5e8ab8ce5d5af3d2a3"),
                "tag" => JsonValue.Create("policy"),
                _ => parameter.Example,
            };
        }

        if (id == "UploadDocuments")
        {
            operation.RequestBody = UploadForm();
        }
        else if (OpenApiExamples.Requests.TryGetValue(id, out var request) && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
        {
            body.Example = OpenApiExamples.Parse(request);
        }

        operation.Responses ??= new OpenApiResponses();
        if (id == "Ask")
        {
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = "The answer (JSON), or with `Accept: text/event-stream` Server-Sent Events: `delta` (text) ..., `citations`, `done` (the whole answer).",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(AnswerResult), null, cancellationToken) },
                    ["text/event-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Example = JsonValue.Create(OpenApiExamples.Expand(OpenApiExamples.AnswerStream)) },
                },
            };
        }

        if (OpenApiExamples.Responses.TryGetValue(id, out var response))
        {
            foreach (var (_, success) in operation.Responses.Where(r => r.Key.StartsWith('2')))
            {
                if (success.Content?.TryGetValue("application/json", out var media) == true)
                {
                    media.Example = OpenApiExamples.Parse(response);
                }
            }
        }

        await AddProblemsAsync(operation, context, cancellationToken);
    }

    /// <summary>The errors every operation can answer, as ProblemDetails.</summary>
    private static async Task AddProblemsAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var path = context.Description.RelativePath ?? string.Empty;
        var problems = new List<(string Status, string Description)>();
        if (operation.RequestBody is not null)
        {
            problems.Add(("400", "Invalid input (a ValidationProblem names each field)."));
        }

        if (metadata.OfType<IAuthorizeData>().Any())
        {
            problems.Add(("401", "No valid API key (only when keys are configured)."));
            problems.Add(("403", "The key lacks the scope this operation needs."));
        }

        if (path.Contains('{', StringComparison.Ordinal))
        {
            problems.Add(("404", "No such collection, document or job, or one this key may not use."));
        }

        if (metadata.OfType<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>().Any())
        {
            problems.Add(("429", "Over this key's requests per minute; retry after Retry-After seconds."));
        }

        if (problems.Count == 0)
        {
            return;
        }

        var schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        foreach (var (status, description) in problems.Where(p => !operation.Responses!.ContainsKey(p.Status)))
        {
            operation.Responses![status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
            };
        }
    }

    private static OpenApiRequestBody UploadForm()
    {
        static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
        var form = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "files" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["files"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                    Description = "One or more files (PDF, DOCX, PPTX, XLSX, HTML, Markdown, text); the type is detected from the content.",
                },
                ["tags"] = Text("Tags for every file, comma-separated or repeated (e.g. policy,2026)."),
                ["accessGroups"] = Text("Groups allowed to read the documents, comma-separated or repeated. Leave empty for documents everyone (and an open service's anonymous caller) may read."),
                ["sourceUrl"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", Description = "Where the originals live (absolute http or https URL); citations link to it." },
                ["title"] = Text("Overrides the title extracted from the document."),
                ["key"] = Text("The document's stable key (one file per request); defaults to the file name. The same key again replaces the document."),
                ["password"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "password", Description = "Password of encrypted PDFs; erased once the file is processed." },
            },
        };
        return new OpenApiRequestBody
        {
            Required = true,
            Description = "multipart/form-data: the files and optional metadata fields, in any order.",
            Content = new Dictionary<string, OpenApiMediaType> { ["multipart/form-data"] = new() { Schema = form } },
        };
    }
}
