using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CalcApi.Api.OpenApi;

/// <summary>
/// Puts each operation's worked examples (<see cref="OperationExamples"/>) on its request body and
/// responses, and says what each problem status means.
/// </summary>
public sealed class ExamplesOperationFilter : IOperationFilter
{
    private static readonly Dictionary<string, string> ProblemDescriptions = new()
    {
        ["400"] = "The body is not JSON of the expected shape or lacks `expression`, or the expression is malformed: " +
                  "a problem document whose `position` is the 0-based offset of the mistake in `expression`.",
        ["413"] = "The body is larger than the server's limit: a problem document naming the limit (`limit`: maxRequestBodyBytes) and its value (`max`).",
        ["422"] = "The expression is well formed but cannot be answered: an unknown function, a missing or non-numeric value in `at`, " +
                  "a point outside the domain, or a limit exceeded (`limit` names it, `max` gives its value).",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var (status, description) in ProblemDescriptions)
        {
            if (operation.Responses?.TryGetValue(status, out var problem) == true && problem is OpenApiResponse writable)
            {
                writable.Description = description;
            }
        }

        if (operation.OperationId is not null && OperationExamples.RequestOnly.TryGetValue(operation.OperationId, out var request))
        {
            SetExample(operation.RequestBody?.Content, "application/json", request);
            return;
        }

        if (operation.OperationId is null || !OperationExamples.ByOperation.TryGetValue(operation.OperationId, out var examples))
        {
            return;
        }

        SetExample(operation.RequestBody?.Content, "application/json", examples.Request);
        foreach (var (status, exchange) in examples.ByStatus)
        {
            if (operation.Responses?.TryGetValue(status, out var response) == true)
            {
                SetExample(response.Content, status.StartsWith('2') ? "application/json" : "application/problem+json", exchange.Response);
            }
        }

        if (examples.Cases.Count > 0)
        {
            // Several worked cases: named examples (the UI offers a list), the first the one of ByStatus["200"].
            var cases = examples.Cases.Prepend(new("answered", examples.ByStatus["200"])).ToList();
            SetExamples(operation.RequestBody?.Content, "application/json", cases.Select(c => (c.Key, c.Value.Request)));
            if (operation.Responses?.TryGetValue("200", out var ok) == true)
            {
                SetExamples(ok.Content, "application/json", cases.Select(c => (c.Key, c.Value.Response)));
            }
        }
    }

    /// <summary>Named examples in place of the single one (OpenAPI has one or the other on a media type).</summary>
    private static void SetExamples(IDictionary<string, OpenApiMediaType>? content, string mediaType, IEnumerable<(string Name, string Json)> examples)
    {
        if (content is not null && content.TryGetValue(mediaType, out var media))
        {
            media.Example = null;
            media.Examples = examples.ToDictionary(e => e.Name, e => (IOpenApiExample)new OpenApiExample { Summary = e.Name, Value = JsonNode.Parse(e.Json) });
        }
    }

    private static void SetExample(IDictionary<string, OpenApiMediaType>? content, string mediaType, string json)
    {
        if (content is not null && content.TryGetValue(mediaType, out var media))
        {
            media.Example = JsonNode.Parse(json);
        }
    }
}
