using System.Globalization;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Shapes;
using Mat = MathNet.Numerics.LinearAlgebra.Matrix<double>;

namespace CalcApi.Domain.Tests.Matrix;

/// <summary>
/// One variable of an identity, written <c>name:shape[/fill]</c>: shape <c>s</c> (scalar), <c>n</c>
/// (vector of length n) or <c>RxC</c> (matrix); fill <c>pos</c> (entries in [0.5, 2]), <c>prob</c>
/// (entries in [0.1, 0.9]), <c>pm</c> (±1 labels), <c>dd</c> (Q + (n+1)I: diagonally dominant with a
/// positive diagonal, so det &gt; 0 and well conditioned), <c>spd</c> ((Q + Q')/2 + (n+1)I, declared as
/// a general matrix) or <c>sym</c> (the same value, declared symmetric). Default: entries in [-1, 1].
/// </summary>
internal sealed record VariableSpec(string Name, VariableKind Kind, int Rows, int Cols, string Fill)
{
    public bool Symmetric => Fill == "sym";

    public static IReadOnlyList<VariableSpec> ParseAll(string specs) =>
        [.. specs.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Parse)];

    public static VariableSpec Parse(string spec)
    {
        var (name, rest) = (spec[..spec.IndexOf(':', StringComparison.Ordinal)], spec[(spec.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var (shape, fill) = slash < 0 ? (rest, "") : (rest[..slash], rest[(slash + 1)..]);
        if (shape == "s")
        {
            return new(name, VariableKind.Scalar, 1, 1, fill);
        }

        var x = shape.IndexOf('x', StringComparison.Ordinal);
        return x < 0
            ? new(name, VariableKind.Vector, int.Parse(shape, CultureInfo.InvariantCulture), 1, fill)
            : new(name, VariableKind.Matrix, int.Parse(shape[..x], CultureInfo.InvariantCulture), int.Parse(shape[(x + 1)..], CultureInfo.InvariantCulture), fill);
    }

    public VariableDeclaration Declaration => Kind switch
    {
        VariableKind.Scalar => VariableDeclaration.Scalar,
        VariableKind.Vector => VariableDeclaration.Vector(Dim.Of(Rows)),
        _ => VariableDeclaration.Matrix(Dim.Of(Rows), Dim.Of(Cols), Symmetric),
    };

    public string Size => Kind switch
    {
        VariableKind.Scalar => "scalar",
        VariableKind.Vector => $"vector {Rows}",
        _ => $"{(Symmetric ? "symmetric " : "")}{Rows}×{Cols}",
    };

    public Value Draw(Random random)
    {
        double Entry() => Fill switch
        {
            "pos" => 0.5 + (1.5 * random.NextDouble()),
            "prob" => 0.1 + (0.8 * random.NextDouble()),
            "pm" => random.Next(2) == 0 ? -1 : 1,
            _ => (2 * random.NextDouble()) - 1,
        };

        if (Kind == VariableKind.Scalar)
        {
            return Value.Of(Entry());
        }

        var m = Mat.Build.Dense(Rows, Cols, (_, _) => Entry());
        switch (Fill)
        {
            case "dd":
                m += (Rows + 1) * Mat.Build.DenseIdentity(Rows);
                break;
            case "spd" or "sym":
                m = ((m + m.Transpose()) / 2) + ((Rows + 1) * Mat.Build.DenseIdentity(Rows));
                break;
        }

        return Value.Of(m, isVector: Kind == VariableKind.Vector);
    }
}

/// <summary>Points, finite differences and comparisons for matrix-gradient tests.</summary>
internal static class MatrixTestKit
{
    public const double RelativeTolerance = 1e-5;
    public const double AbsoluteFloor = 1e-7;

    /// <summary>A seed that depends only on the text (string.GetHashCode is randomised per process).</summary>
    public static int StableSeed(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash & int.MaxValue;
        }
    }

    public static Dictionary<string, VariableDeclaration> Declarations(IEnumerable<VariableSpec> specs) =>
        specs.ToDictionary(s => s.Name, s => s.Declaration, StringComparer.Ordinal);

    public static Dictionary<string, Value> Point(IEnumerable<VariableSpec> specs, int seed)
    {
        var random = new Random(seed);
        return specs.ToDictionary(s => s.Name, s => s.Draw(random), StringComparer.Ordinal);
    }

    public static Mat AsMatrix(Value v) => v.IsScalar ? Mat.Build.Dense(1, 1, v.Scalar) : v.Matrix!;

    public static double EvaluateScalar(Expr f, IReadOnlyDictionary<string, Value> point)
    {
        var value = MatrixEvaluator.Evaluate(f, point);
        Assert.True(value.IsSuccess, $"f cannot be evaluated at the point: {value.Error?.Detail}");
        Assert.True(value.Value.IsScalar, "f is not a scalar");
        return value.Value.Scalar;
    }

    /// <summary>
    /// Central differences of f with respect to every entry of <paramref name="name"/>: h = 1e-6·max(1, |x|),
    /// (f(x + h) − f(x − h)) / 2h. With <paramref name="symmetric"/>, entry (i, j) is the derivative along
    /// U = (E_ij + E_ji)/2, the direction whose coefficient in tr(U' G) is G_ij for a symmetric G.
    /// </summary>
    public static Mat CentralDifferences(Expr f, IReadOnlyDictionary<string, Value> point, string name, bool symmetric = false)
    {
        var x = point[name];
        var center = AsMatrix(x);
        var result = Mat.Build.Dense(center.RowCount, center.ColumnCount);
        for (var i = 0; i < center.RowCount; i++)
        {
            for (var j = 0; j < center.ColumnCount; j++)
            {
                var h = 1e-6 * Math.Max(1, Math.Abs(center[i, j]));
                double At(double step)
                {
                    var moved = center.Clone();
                    if (symmetric && i != j)
                    {
                        moved[i, j] += step / 2;
                        moved[j, i] += step / 2;
                    }
                    else
                    {
                        moved[i, j] += step;
                    }

                    var p = new Dictionary<string, Value>(point, StringComparer.Ordinal)
                    {
                        [name] = x.IsScalar ? Value.Of(moved[0, 0]) : Value.Of(moved, x.IsVector),
                    };
                    return EvaluateScalar(f, p);
                }

                result[i, j] = (At(h) - At(-h)) / (2 * h);
            }
        }

        return result;
    }

    /// <summary>The entries where <paramref name="actual"/> and <paramref name="expected"/> differ by more than 1e-5 relative (floor 1e-7).</summary>
    public static List<string> Mismatches(Mat actual, Mat expected, double relative = RelativeTolerance, double floor = AbsoluteFloor)
    {
        var bad = new List<string>();
        for (var i = 0; i < expected.RowCount; i++)
        {
            for (var j = 0; j < expected.ColumnCount; j++)
            {
                var tolerance = Math.Max(floor, relative * Math.Abs(expected[i, j]));
                if (!(Math.Abs(actual[i, j] - expected[i, j]) <= tolerance))
                {
                    bad.Add(string.Create(CultureInfo.InvariantCulture, $"[{i},{j}] engine {actual[i, j]:R} vs reference {expected[i, j]:R}"));
                }
            }
        }

        return bad;
    }

    public static string Show(Mat m) =>
        "[" + string.Join("; ", Enumerable.Range(0, m.RowCount).Select(i =>
            string.Join(", ", Enumerable.Range(0, m.ColumnCount).Select(j => m[i, j].ToString("G6", CultureInfo.InvariantCulture))))) + "]";
}
