using CalcApi.Domain.Evaluation;
using CalcApi.Fuzz.Tests.Support;
using CsCheck;

namespace CalcApi.Fuzz.Tests.Generators;

/// <summary>Points to evaluate at: x and y for the scalar expressions; a, b, W, c, x for the typed ones.</summary>
public static class PointGen
{
    private static Gen<double> Coordinate { get; } = Gen.Double[-2, 2].Select(d => Math.Round(d, 3));

    public static Gen<Dictionary<string, Value>> Scalar { get; } =
        Gen.Select(Coordinate, Coordinate, (x, y) => new Dictionary<string, Value>(StringComparer.Ordinal) { ["x"] = x, ["y"] = y });

    private static Gen<Value> VectorValue { get; } =
        Gen.Double[-1, 1].Array[ExpressionGen.N].Select(v => Value.Vector([.. v.Select(d => Math.Round(d, 3))]));

    private static Gen<Value> MatrixValue { get; } =
        Gen.Double[-1, 1].Array[ExpressionGen.N * ExpressionGen.N].Select(v => Value.Of(Numeric.Dense(ExpressionGen.N, ExpressionGen.N, [.. v.Select(d => Math.Round(d, 3))])));

    public static Gen<Dictionary<string, Value>> Typed { get; } =
        Gen.Select(VectorValue, VectorValue, MatrixValue, Coordinate, Coordinate,
            (a, b, w, c, x) => new Dictionary<string, Value>(StringComparer.Ordinal) { ["a"] = a, ["b"] = b, ["W"] = w, ["c"] = c, ["x"] = x });

    /// <summary>A direction to move a variable in: a value of the same shape, entries in [-1, 1].</summary>
    public static Gen<Value> DirectionLike(Value v) => v.IsScalar
        ? Gen.Double[-1, 1].Select(Value.Of)
        : Gen.Double[-1, 1].Array[v.Matrix!.RowCount * v.Matrix.ColumnCount]
            .Select(e => Value.Of(Numeric.Dense(v.Matrix.RowCount, v.Matrix.ColumnCount, e), v.IsVector));

    public static readonly string[] TypedNames = ["a", "b", "W", "c", "x"];
}
