using System.Text.Json;

namespace CalcApi.Api.Tests;

/// <summary>
/// Validates a JSON value against a schema of an OpenAPI 3.0 document, for the subset of JSON Schema the
/// document uses: <c>$ref</c> (to components), <c>type</c> with <c>nullable</c>, <c>enum</c>, <c>required</c>,
/// <c>properties</c>, <c>additionalProperties</c>, <c>items</c>, <c>minItems</c>/<c>maxItems</c>, <c>allOf</c>,
/// <c>anyOf</c>, <c>oneOf</c> and <c>format</c> int32. A keyword it does not know fails the validation, so that
/// a schema it cannot judge is never passed.
/// </summary>
public sealed class OpenApiSchemaValidator(JsonElement document)
{
    private static readonly HashSet<string> Known =
    [
        "$ref", "type", "nullable", "enum", "required", "properties", "additionalProperties", "items", "minItems", "maxItems",
        "allOf", "anyOf", "oneOf", "format", "description", "example", "title",
    ];

    /// <summary>Every way <paramref name="value"/> breaks <paramref name="schema"/>, each with its JSON path; empty when it validates.</summary>
    public IReadOnlyList<string> Errors(JsonElement value, JsonElement schema, string path = "$")
    {
        var errors = new List<string>();
        Check(value, schema, path, errors);
        return errors;
    }

    public JsonElement Component(string name) => document.GetProperty("components").GetProperty("schemas").GetProperty(name);

    private void Check(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        foreach (var keyword in schema.EnumerateObject().Where(k => !Known.Contains(k.Name)))
        {
            errors.Add($"{path}: the validator does not know the keyword '{keyword.Name}'");
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(value, Resolve(reference.GetString()!), path, errors);
            return;
        }

        if (value.ValueKind == JsonValueKind.Null && schema.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean())
        {
            return;
        }

        foreach (var part in Array(schema, "allOf"))
        {
            Check(value, part, path, errors);
        }

        if (schema.TryGetProperty("anyOf", out _) && !Array(schema, "anyOf").Any(part => Errors(value, part, path).Count == 0))
        {
            errors.Add($"{path}: {Shorten(value)} matches none of anyOf ({string.Join("; ", Array(schema, "anyOf").SelectMany(part => Errors(value, part, path)).Take(3))})");
        }

        if (schema.TryGetProperty("oneOf", out _))
        {
            var matches = Array(schema, "oneOf").Count(part => Errors(value, part, path).Count == 0);
            if (matches != 1)
            {
                errors.Add($"{path}: {Shorten(value)} matches {matches} of oneOf, not exactly one");
            }
        }

        if (schema.TryGetProperty("type", out var type) && !HasType(value, type.GetString()!, schema))
        {
            errors.Add($"{path}: {Shorten(value)} is not of type {type.GetString()}");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            errors.Add($"{path}: {Shorten(value)} is not one of {allowed.GetRawText()}");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(value, schema, path, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(value, schema, path, errors);
                break;
        }
    }

    private void CheckObject(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        foreach (var name in Array(schema, "required").Select(r => r.GetString()!).Where(name => !value.TryGetProperty(name, out _)))
        {
            errors.Add($"{path}: lacks the required property '{name}'");
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(property.Value, propertySchema, $"{path}.{property.Name}", errors);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add($"{path}: has the property '{property.Name}', which the schema does not allow");
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Check(property.Value, additional, $"{path}.{property.Name}", errors);
                }
            }
        }
    }

    private void CheckArray(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        var length = value.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && length < min.GetInt32())
        {
            errors.Add($"{path}: has {length} items, fewer than {min.GetInt32()}");
        }

        if (schema.TryGetProperty("maxItems", out var max) && length > max.GetInt32())
        {
            errors.Add($"{path}: has {length} items, more than {max.GetInt32()}");
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(item, items, $"{path}[{i++}]", errors);
            }
        }
    }

    private static bool HasType(JsonElement value, string type, JsonElement schema) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n)
                     && (!schema.TryGetProperty("format", out var format) || format.GetString() != "int32" || n is >= int.MinValue and <= int.MaxValue),
        _ => throw new InvalidOperationException($"The validator does not know the type '{type}'."),
    };

    private JsonElement Resolve(string reference)
    {
        const string prefix = "#/components/schemas/";
        Assert.StartsWith(prefix, reference);
        return Component(reference[prefix.Length..]);
    }

    private static IEnumerable<JsonElement> Array(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var array) ? array.EnumerateArray() : [];

    private static string Shorten(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 80 ? text : text[..80] + "…";
    }
}
