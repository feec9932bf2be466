using System.Text.Json.Nodes;
using CalcApi.Api.Endpoints;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CalcApi.Api.OpenApi;

/// <summary>
/// The stream endpoint's answer as a schema: OpenAPI 3.0 has no way to say "a stream of events", so the 200's
/// <c>text/event-stream</c> content is declared as the sequence of its events, each <c>{"event", "data"}</c> with
/// <c>data</c> typed by the event's name (what <see cref="OptimizationEndpoints"/> writes: <c>iteration</c> events
/// carrying a history point, then one <c>summary</c> carrying the answer of /api/optimize).
/// </summary>
public sealed class ServerSentEventsDocumentFilter : IDocumentFilter
{
    public const string IterationEvent = "OptimizeIterationEvent";
    public const string SummaryEvent = "OptimizeSummaryEvent";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components!.Schemas!;
        schemas[IterationEvent] = Event("iteration", "HistoryPointResponse", "One recorded iteration, sent as the run goes.", document);
        schemas[SummaryEvent] = Event("summary", "OptimizeResponse", "The whole answer of /api/optimize, sent once when the run stops; the stream then ends.", document);

        foreach (var operation in DocumentOperations.All(document))
        {
            if (operation.OperationId is null || !OperationExamples.Streams.TryGetValue(operation.OperationId, out var exchange)
                || operation.Responses?.TryGetValue("200", out var ok) != true || ok is not OpenApiResponse response)
            {
                continue;
            }

            response.Description = "Server-Sent Events: `iteration` events, then one `summary`. Each event is written as the lines " +
                                   "`event: <name>` and `data: <payload as one line of JSON>`; the schema lists the events in order.";
            response.Content = new Dictionary<string, OpenApiMediaType>
            {
                ["text/event-stream"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Array,
                        Description = "The events in the order they are sent: any number of `iteration`, then one `summary`.",
                        Items = new OpenApiSchema { OneOf = [new OpenApiSchemaReference(IterationEvent, document), new OpenApiSchemaReference(SummaryEvent, document)] },
                    },
                    Example = JsonNode.Parse(exchange.Response),
                },
            };
        }
    }

    private static OpenApiSchema Event(string name, string payload, string description, OpenApiDocument document) => new()
    {
        Type = JsonSchemaType.Object,
        Description = $"The Server-Sent Event `{name}`: {description}",
        Required = new HashSet<string> { "event", "data" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["event"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [JsonValue.Create(name)],
                Description = "The event's name (the `event:` line).",
            },
            ["data"] = new OpenApiSchema
            {
                AllOf = [new OpenApiSchemaReference(payload, document)],
                Description = "The event's payload (the `data:` line, one line of JSON).",
            },
        },
    };
}
