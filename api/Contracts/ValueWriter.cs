using System.Text.Json.Nodes;
using CalcApi.Domain.Evaluation;

namespace CalcApi.Api.Contracts;

/// <summary>
/// Writes values the way requests give them: a number, an array (a vector), or an array of rows (a
/// matrix). A number that is not finite (a diverged run's iterate) is written as null, as JSON has no such numbers.
/// </summary>
public static class ValueWriter
{
    public static JsonNode? ToJson(Value value, bool asVector)
    {
        if (value.IsScalar)
        {
            return Number(value.Scalar);
        }

        var m = value.Matrix!;
        if (asVector && m.ColumnCount == 1)
        {
            return new JsonArray([.. Enumerable.Range(0, m.RowCount).Select(i => Number(m[i, 0]))]);
        }

        return new JsonArray([.. Enumerable.Range(0, m.RowCount).Select(i =>
            (JsonNode?)new JsonArray([.. Enumerable.Range(0, m.ColumnCount).Select(j => Number(m[i, j]))]))]);
    }

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
