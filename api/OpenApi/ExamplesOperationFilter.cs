using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CalcApi.Api.OpenApi;

/// <summary>
/// Puts each operation's worked examples (<see cref="OperationExamples"/>) on its request body and
/// responses (what each problem status means is <see cref="ProblemResponsesDocumentFilter"/>'s).
/// </summary>
public sealed class ExamplesOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId is not null && OperationExamples.Streams.TryGetValue(operation.OperationId, out var stream))
        {
            // The events themselves are the stream's response, which ServerSentEventsDocumentFilter writes.
            SetExample(operation.RequestBody?.Content, "application/json", stream.Request);
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
