using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CalcApi.Api.OpenApi;

/// <summary>
/// Every problem status an operation can answer, described, with the problem schema as the server writes it:
/// the framework's own statuses (413 body too large, 415 not JSON, 429 rate limit) are answered before an
/// endpoint runs, so no endpoint declares them; this filter does, where they can occur.
/// </summary>
public sealed class ProblemResponsesDocumentFilter : IDocumentFilter
{
    public const string ProblemSchema = "ProblemDetails";

    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["400"] = "The body is not JSON of the expected shape (`field` names the field at fault) or lacks a required field (`errors`), " +
                  "or the expression is malformed: a problem document whose `position` is the 0-based offset of the mistake in `expression`.",
        ["413"] = "The body is larger than the server's limit: a problem document naming the limit (`limit`: `maxRequestBodyBytes`) and its value (`max`).",
        ["415"] = "The body was not sent as JSON: send it with the header `Content-Type: application/json`.",
        ["422"] = "The expression is well formed but cannot be answered: an unknown function, a missing or non-numeric value in `at`, " +
                  "a point outside the domain, or a limit exceeded (`limit` names it, `max` gives its value).",
        ["429"] = "This client has sent more requests this minute than the server allows (`limit`: `permitsPerMinute`, `max`); " +
                  "try again after `retryAfterSeconds` (also the `Retry-After` header).",
        ["503"] = "The server is busy with other heavy calculations (`limit`: `queueLength` or `queueTimeoutSeconds`); " +
                  "try again after `retryAfterSeconds` (also the `Retry-After` header). Cheap requests are never queued.",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        DescribeProblemSchema(document);
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var responses = operation.Responses ??= [];
                if (method == HttpMethod.Post)
                {
                    Ensure(responses, "413", document);
                    Ensure(responses, "415", document);
                }

                // The rate limiter guards /api only (RateLimitingRegistration).
                if (path.StartsWith("/api/", StringComparison.Ordinal))
                {
                    Ensure(responses, "429", document);
                }

                Sort(responses);
                foreach (var (status, response) in responses)
                {
                    if (response is OpenApiResponse writable && Descriptions.TryGetValue(status, out var description))
                    {
                        writable.Description = description;
                        if (status is "429" or "503")
                        {
                            writable.Headers ??= new Dictionary<string, IOpenApiHeader>();
                            writable.Headers["Retry-After"] = new OpenApiHeader
                            {
                                Description = "Seconds to wait before trying again.",
                                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                            };
                        }
                    }
                }
            }
        }
    }

    /// <summary>Statuses in order (the endpoints' own come first, then the ones added here), as the UI lists them.</summary>
    private static void Sort(OpenApiResponses responses)
    {
        var sorted = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        responses.Clear();
        foreach (var (status, response) in sorted)
        {
            responses[status] = response;
        }
    }

    private static void Ensure(OpenApiResponses responses, string status, OpenApiDocument document)
    {
        if (!responses.ContainsKey(status))
        {
            responses[status] = new OpenApiResponse
            {
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
                },
            };
        }
    }

    /// <summary>The RFC 9457 members, and the extensions the server adds (CalcProblems, HttpProblems, the rate limiter, the scheduling gate).</summary>
    private static void DescribeProblemSchema(OpenApiDocument document)
    {
        var schema = (OpenApiSchema)document.Components!.Schemas![ProblemSchema];
        schema.Description = "An RFC 9457 problem document (`application/problem+json`). Besides `title`, `status` and `detail`, " +
                             "the extensions that apply: `kind`, `position` and `expression` for a problem in an expression, `limit` and `max` " +
                             "for a limit, `field` for a request field at fault, `errors` for missing fields, `retryAfterSeconds` for 429 and 503.";
        var properties = schema.Properties!;
        Describe(properties, "type", "A URI reference that identifies the problem type.");
        Describe(properties, "title", "A short summary of the problem, e.g. \"Malformed expression\".");
        Describe(properties, "status", "The HTTP status code.");
        Describe(properties, "detail", "The problem in a sentence or two, saying what to fix.");
        Describe(properties, "instance", "A URI reference that identifies this occurrence.");
        properties["kind"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = [.. ContractVocabulary.ProblemKinds.Select(k => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(k))],
            Description = "What kind of problem the engine found: `syntax` is a 400, every other kind a 422.",
        };
        properties["position"] = Property(JsonSchemaType.Integer, "The 0-based offset of the problem in `expression` (or in the field that `field` names), where it has one.", "int32");
        properties["expression"] = Property(JsonSchemaType.String, "The expression the problem is in, as sent (left out when it is longer than the expression length limit).");
        properties["limit"] = Property(JsonSchemaType.String, "The limit that was exceeded, by its configuration name, e.g. `maxOrder`, `maxRequestBodyBytes` or `permitsPerMinute`.");
        properties["max"] = Property(JsonSchemaType.Number, "The value of that limit.");
        properties["field"] = Property(JsonSchemaType.String, "The request field at fault, as the request writes it, e.g. `expected`, `order` or `task`.");
        properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            Description = "Missing or invalid fields (a 400): the messages for each field, keyed by the field's name.",
        };
        properties["retryAfterSeconds"] = Property(JsonSchemaType.Integer, "Seconds to wait before trying again (429, 503), as in the `Retry-After` header.", "int32");
        properties["traceId"] = Property(JsonSchemaType.String, "Identifies the request in the server's log.");
    }

    /// <summary>An extension member of one JSON type, with what it says.</summary>
    private static OpenApiSchema Property(JsonSchemaType type, string description, string? format = null) =>
        new() { Type = type, Format = format, Description = description };

    private static void Describe(IDictionary<string, IOpenApiSchema> properties, string name, string description)
    {
        if (properties.TryGetValue(name, out var schema) && schema is OpenApiSchema writable)
        {
            writable.Description = description;
        }
    }
}
