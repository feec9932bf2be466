using System.Text.Json;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;

namespace CalcApi.Api.Contracts;

/// <summary>
/// Reads named values (<c>at</c>, <c>constants</c>, <c>initial</c>) from raw JSON: a number is a scalar,
/// an array of numbers a (column) vector, an array of equally long arrays a matrix, row by row. Anything
/// else is a 422 naming the field and the variable, never a model-binding failure.
/// </summary>
public static class ValueReader
{
    /// <summary>Reads the field; text that is not valid Unicode (a lone surrogate escape) is an error like any other.</summary>
    public static Outcome<IReadOnlyDictionary<string, Value>?> Read(JsonElement? json, string field)
    {
        try
        {
            return ReadUnchecked(json, field);
        }
        catch (InvalidOperationException)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid text", "A name or value in the request is not valid Unicode text (it has a lone surrogate escape such as \\ud800).");
        }
    }

    private static Outcome<IReadOnlyDictionary<string, Value>?> ReadUnchecked(JsonElement? json, string field)
    {
        if (json is not { } point || point.ValueKind == JsonValueKind.Null)
        {
            return Outcome<IReadOnlyDictionary<string, Value>?>.Success(null);
        }

        if (point.ValueKind != JsonValueKind.Object)
        {
            return Invalid($"`{field}` must be an object mapping names to values, such as {{\"x\": 0.5, \"a\": [1, 2]}}, but it is {Describe(point)}.");
        }

        var values = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var property in point.EnumerateObject())
        {
            var value = ReadValue(property.Value, $"`{field}` gives '{property.Name}'");
            if (!value.IsSuccess)
            {
                return value.Error;
            }

            values[property.Name] = value.Value;
        }

        return Outcome<IReadOnlyDictionary<string, Value>?>.Success(values);
    }

    private static Outcome<Value> ReadValue(JsonElement json, string what)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Number:
                return Number(json, what) is { } number ? Value.Of(number) : NotFinite(json, what);
            case JsonValueKind.Array when json.GetArrayLength() == 0:
                return Invalid($"{what} an empty array; a vector or matrix needs at least one entry.");
            case JsonValueKind.Array when json[0].ValueKind == JsonValueKind.Array:
                var rows = new List<IReadOnlyList<double>>();
                var width = json[0].GetArrayLength();
                foreach (var row in json.EnumerateArray())
                {
                    if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != width || width == 0)
                    {
                        return Invalid($"{what} a matrix whose rows are not all arrays of the same, non-zero length ({width}); a matrix is an array of equally long rows.");
                    }

                    var entries = Entries(row, what);
                    if (!entries.IsSuccess)
                    {
                        return entries.Error;
                    }

                    rows.Add(entries.Value);
                }

                return Value.FromRows(rows);
            case JsonValueKind.Array:
                var vector = Entries(json, what);
                return vector.IsSuccess ? Value.Vector(vector.Value) : vector.Error;
            default:
                return Invalid($"{what} {Describe(json)}; a value is a number, an array of numbers (a vector) or an array of arrays (a matrix).");
        }
    }

    private static Outcome<IReadOnlyList<double>> Entries(JsonElement array, string what)
    {
        var entries = new List<double>(array.GetArrayLength());
        foreach (var entry in array.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Number || Number(entry, what) is not { } number)
            {
                return Invalid($"{what} an array with an entry that is {Describe(entry)}; every entry must be a finite number.");
            }

            entries.Add(number);
        }

        return entries;
    }

    private static double? Number(JsonElement json, string what) =>
        json.TryGetDouble(out var number) && double.IsFinite(number) ? number : null;

    private static CalcError NotFinite(JsonElement json, string what) =>
        new(ErrorKind.InvalidArgument, "Invalid value", $"{what} {Describe(json)}; it must be a finite number.");

    private static CalcError Invalid(string detail) => new(ErrorKind.InvalidArgument, "Invalid value", detail);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {value.GetRawText()}",
        JsonValueKind.Number => $"{value.GetRawText()}, which is out of range",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "null",
    };
}
