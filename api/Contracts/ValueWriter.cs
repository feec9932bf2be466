using System.Text.Json.Nodes;
using CalcApi.Domain.Evaluation;

namespace CalcApi.Api.Contracts;

/// <summary>
/// Writes values the way requests give them, in the form of their kind whatever the sizes (contract section 5):
/// a number, an array (a vector; one of length 1 is [v]), or an array of rows (a matrix; 1×1 is [[v]], n×1 is
/// n one-element rows). A number that is not finite (a diverged run's iterate) is written as null, as JSON has
/// no such numbers.
/// </summary>
public static class ValueWriter
{
    public static JsonNode? ToJson(Value value)
    {
        if (value.IsScalar)
        {
            return value.Form switch
            {
                ValueForm.Vector => new JsonArray(Number(value.Scalar)),
                ValueForm.Matrix => new JsonArray(new JsonArray(Number(value.Scalar))),
                _ => Number(value.Scalar),
            };
        }

        var m = value.Matrix!;
        if (value.Form == ValueForm.Vector && m.ColumnCount == 1)
        {
            return new JsonArray([.. Enumerable.Range(0, m.RowCount).Select(i => Number(m[i, 0]))]);
        }

        return new JsonArray([.. Enumerable.Range(0, m.RowCount).Select(i =>
            (JsonNode?)new JsonArray([.. Enumerable.Range(0, m.ColumnCount).Select(j => Number(m[i, j]))]))]);
    }

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
