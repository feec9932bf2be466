using System.Text.Json.Nodes;
using CalcApi.Domain.Evaluation;

namespace CalcApi.Api.Contracts;

/// <summary>Writes values the way requests give them: a number, an array (a vector), or an array of rows (a matrix).</summary>
public static class ValueWriter
{
    public static JsonNode ToJson(Value value, bool asVector)
    {
        if (value.IsScalar)
        {
            return JsonValue.Create(value.Scalar);
        }

        var m = value.Matrix!;
        if (asVector && m.ColumnCount == 1)
        {
            return new JsonArray([.. Enumerable.Range(0, m.RowCount).Select(i => (JsonNode?)JsonValue.Create(m[i, 0]))]);
        }

        return new JsonArray([.. Enumerable.Range(0, m.RowCount).Select(i =>
            (JsonNode?)new JsonArray([.. Enumerable.Range(0, m.ColumnCount).Select(j => (JsonNode?)JsonValue.Create(m[i, j]))]))]);
    }
}
