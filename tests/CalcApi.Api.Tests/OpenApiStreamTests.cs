using System.Text;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.OpenApi;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>The stream endpoint's documented events are the events it sends, and they fit the documented schema.</summary>
public sealed class OpenApiStreamTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    [Fact]
    public async Task The_stream_is_documented_as_text_event_stream_with_typed_events()
    {
        var ok = (await ServedDocument.FetchAsync(factory)).GetProperty("paths").GetProperty(Routes.OptimizeStream).GetProperty("post")
            .GetProperty("responses").GetProperty("200");

        var content = Assert.Single(ok.GetProperty("content").EnumerateObject());
        Assert.Equal("text/event-stream", content.Name);
        var events = content.Value.GetProperty("schema").GetProperty("items").GetProperty("oneOf").EnumerateArray()
            .Select(e => e.GetProperty("$ref").GetString()).ToList();
        Assert.Equal(["#/components/schemas/OptimizeIterationEvent", "#/components/schemas/OptimizeSummaryEvent"], events);
    }

    [Fact]
    public async Task The_documented_events_are_what_the_stream_sends()
    {
        var document = await ServedDocument.FetchAsync(factory);
        var validator = new OpenApiSchemaValidator(document);
        var exchange = OperationExamples.Streams[OptimizationEndpoints.OptimizeStreamName];
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync(Routes.OptimizeStream, exchange.Request);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var sent = Events(await response.Content.ReadAsStringAsync());
        var documented = JsonDocument.Parse(exchange.Response).RootElement;
        Assert.Equal(documented.GetArrayLength(), sent.GetArrayLength());
        SwaggerTests.AssertDocumentedFieldsMatch(documented, sent, "$");
        var schema = document.GetProperty("paths").GetProperty(Routes.OptimizeStream).GetProperty("post").GetProperty("responses")
            .GetProperty("200").GetProperty("content").GetProperty("text/event-stream").GetProperty("schema");
        Assert.Empty(validator.Errors(sent, schema));
    }

    /// <summary>The Server-Sent Events of a body, as the document describes them: <c>[{"event": name, "data": payload}, …]</c>.</summary>
    private static JsonElement Events(string body)
    {
        var json = new StringBuilder("[");
        foreach (var frame in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = frame.Split('\n');
            var name = lines.Single(l => l.StartsWith("event: ", StringComparison.Ordinal))["event: ".Length..];
            var data = lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
            json.Append(json.Length > 1 ? "," : "").Append($$"""{"event":{{JsonSerializer.Serialize(name)}},"data":{{data}}}""");
        }

        return JsonDocument.Parse(json.Append(']').ToString()).RootElement.Clone();
    }
}
