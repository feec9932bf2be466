using System.Text.Json;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>
/// Every example in the served document validates against its own schema: a generator (or a reader) that
/// trusts the schema is never contradicted by the example next to it.
/// </summary>
public sealed class OpenApiExampleTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    [Fact]
    public async Task Every_example_in_the_document_validates_against_its_schema()
    {
        var document = await ServedDocument.FetchAsync(factory);
        var validator = new OpenApiSchemaValidator(document);

        var examples = MediaTypeExamples(document.GetProperty("paths"), "#/paths").ToList();

        // Request and response examples of every operation, the check's named cases and the event stream's events.
        Assert.True(examples.Count >= 30, $"Only {examples.Count} examples found: the walk missed some.");
        var errors = examples.SelectMany(e => validator.Errors(e.Example, e.Schema).Select(error => $"{e.Where}: {error}")).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task The_validator_refuses_a_response_that_lacks_a_required_field_or_leaves_an_enum()
    {
        var validator = new OpenApiSchemaValidator(await ServedDocument.FetchAsync(factory));
        var incomplete = JsonDocument.Parse("""
            { "expression": "x", "input": "x", "expressionLatex": "x", "wrt": ["x"],
              "gradients": { "x": { "expression": "1", "latex": "1", "shape": [1, 1], "kind": "scalar", "conditions": [] } } }
            """).RootElement;
        var unknownVerdict = JsonDocument.Parse("""{ "correct": true, "verdict": "probably", "diagnosis": [] }""").RootElement;
        var stringPoint = JsonDocument.Parse("""{ "expression": "x^2", "at": { "x": "1" } }""").RootElement;

        Assert.Contains(validator.Errors(incomplete, validator.Component("MatrixGradientResponse")), e => e.Contains("'expressionMathml'", StringComparison.Ordinal));
        Assert.Contains(validator.Errors(incomplete, validator.Component("MatrixGradientResponse")), e => e.Contains("$.gradients.x", StringComparison.Ordinal));
        Assert.Contains(validator.Errors(unknownVerdict, validator.Component("CheckResponse")), e => e.Contains("\"probably\"", StringComparison.Ordinal));
        Assert.Contains(validator.Errors(stringPoint, validator.Component("DifferentiateRequest")), e => e.Contains("$.at.x", StringComparison.Ordinal));
    }

    /// <summary>Every media type object (it has a <c>schema</c>) with its <c>example</c> or each of its named <c>examples</c>.</summary>
    private static IEnumerable<(string Where, JsonElement Schema, JsonElement Example)> MediaTypeExamples(JsonElement node, string where)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            if (node.TryGetProperty("schema", out var schema))
            {
                if (node.TryGetProperty("example", out var example))
                {
                    yield return (where, schema, example);
                }

                foreach (var named in node.TryGetProperty("examples", out var examples) ? examples.EnumerateObject() : default)
                {
                    yield return ($"{where}/examples/{named.Name}", schema, named.Value.GetProperty("value"));
                }
            }

            foreach (var child in node.EnumerateObject().Where(c => c.Name is not ("schema" or "example" or "examples")))
            {
                foreach (var found in MediaTypeExamples(child.Value, $"{where}/{child.Name}"))
                {
                    yield return found;
                }
            }
        }
    }
}
