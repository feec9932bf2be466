using System.Text.Json.Nodes;
using CalcApi.Domain.Shapes;

namespace CalcApi.Api.Contracts;

/// <summary>Writes a shape as the responses carry it: [rows, cols], each a number where known, else its size name (len(x), rows(W)).</summary>
public static class ShapeWriter
{
    public static IReadOnlyList<JsonNode> ToJson(Shape shape) => [Dimension(shape.Rows), Dimension(shape.Cols)];

    private static JsonNode Dimension(Dim d) => d.IsConcrete ? JsonValue.Create(d.Size) : JsonValue.Create(d.Name!);
}
