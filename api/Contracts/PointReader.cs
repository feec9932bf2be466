using System.Text.Json;
using CalcApi.Domain.Errors;

namespace CalcApi.Api.Contracts;

/// <summary>
/// Reads a request's <c>at</c> from raw JSON, so that a value of the wrong kind (an array, a string) is a
/// 422 naming the variable rather than a model-binding failure.
/// </summary>
public static class PointReader
{
    public static Outcome<IReadOnlyDictionary<string, double>?> Read(JsonElement? at)
    {
        if (at is not { } point || point.ValueKind == JsonValueKind.Null)
        {
            return Outcome<IReadOnlyDictionary<string, double>?>.Success(null);
        }

        if (point.ValueKind != JsonValueKind.Object)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid point",
                $"`at` must be an object mapping names to numbers, such as {{\"x\": 0.5}}, but it is {Describe(point)}.");
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var property in point.EnumerateObject())
        {
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Array)
            {
                return new CalcError(ErrorKind.Unsupported, "Invalid value",
                    $"`at` gives '{property.Name}' an array; this endpoint takes numbers only (vector and matrix values are not supported here yet).");
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
            {
                return new CalcError(ErrorKind.InvalidArgument, "Invalid value",
                    $"`at` must give '{property.Name}' a finite number, but it is {Describe(value)}.");
            }

            values[property.Name] = number;
        }

        return Outcome<IReadOnlyDictionary<string, double>?>.Success(values);
    }

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
