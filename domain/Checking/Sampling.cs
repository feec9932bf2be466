using System.Globalization;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Shapes;
using MathNet.Numerics.LinearAlgebra;

namespace CalcApi.Domain.Checking;

/// <summary>
/// The variables a comparison samples: each name with its shape (sizes concrete or symbolic, as binding
/// inferred them) and whether it is a symmetric matrix. A name not listed is a scalar.
/// </summary>
public sealed record SampleSpace(IReadOnlyDictionary<string, Shape> Shapes, IReadOnlySet<string> Symmetric)
{
    public static SampleSpace Scalars { get; } = new(new Dictionary<string, Shape>(), new HashSet<string>());

    /// <summary>This space with <paramref name="names"/> added as scalars where they are not already listed.</summary>
    public SampleSpace WithScalars(IEnumerable<string> names)
    {
        var shapes = new Dictionary<string, Shape>(Shapes, StringComparer.Ordinal);
        foreach (var name in names)
        {
            shapes.TryAdd(name, Shape.Scalar);
        }

        return this with { Shapes = shapes };
    }

    /// <summary>
    /// This space with <paramref name="variables"/> added, each with the shape binding gave it, where not already listed:
    /// a matrix only the answer uses (declared, but not in the expected expression) must be sampled as a matrix.
    /// </summary>
    public SampleSpace With(IEnumerable<KeyValuePair<string, Shape>> variables)
    {
        var shapes = new Dictionary<string, Shape>(Shapes, StringComparer.Ordinal);
        foreach (var (name, shape) in variables)
        {
            shapes.TryAdd(name, shape);
        }

        return this with { Shapes = shapes };
    }

    /// <summary>
    /// This space with the directions d(X) of differentials added (<see cref="Differentiation.Differentials.Directions"/>),
    /// each of its variable's shape, and symmetric where the variable is, so that d(X) ranges over what X may move along.
    /// </summary>
    public SampleSpace WithDirections(IEnumerable<Expressions.Expr> directions)
    {
        var shapes = new Dictionary<string, Shape>(Shapes, StringComparer.Ordinal);
        var symmetric = new HashSet<string>(Symmetric, StringComparer.Ordinal);
        foreach (var direction in directions)
        {
            var name = Differentiation.Differentials.Written(direction);
            shapes.TryAdd(name, direction.Shape);
            if (direction is Expressions.MatrixSymbol { Symmetric: true })
            {
                symmetric.Add(name);
            }
        }

        return new SampleSpace(shapes, symmetric);
    }
}

/// <summary>
/// Deterministic random points at which two expressions are compared (contract section 7). Scalars are
/// sign·10^u with u uniform in a band that widens as the points go on (0.3 to 3 first, then 0.1 to 10,
/// 0.01 to 100, 0.001 to 1000), so an identity is tested at several scales, and every third point after the
/// first dozen uniform in [-1, 1], where domains bounded by ±1 lie; every point's doubles are taken
/// as exact by the evaluators. Vectors and matrices get entries uniform in [-2, 2] and, where a size is
/// symbolic, a size from 2 to 4 that changes every few points (concrete sizes stay as declared); a
/// symmetric matrix is (M + M')/2. The seed is fixed, so the same request always meets the same points.
/// </summary>
public static class Sampling
{
    /// <summary>The seed every check starts from: answers are reproducible.</summary>
    public const int Seed = 20_261_129;

    /// <summary>Points a scalar variable is set to when looking for where two domains differ (x/x and 1 differ at 0).</summary>
    private static readonly double[] SpecialValues = [0, 1, -1, 2, -2, 0.5, -0.5, 3, -3];

    /// <summary>The random points, without end; the caller takes as many as it needs.</summary>
    public static IEnumerable<Dictionary<string, Value>> Points(SampleSpace space)
    {
        var random = new Random(Seed);
        var names = space.Shapes.Keys.Order(StringComparer.Ordinal).ToArray();
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; ; k++)
        {
            if (k % 4 == 0)
            {
                ChooseSizes(space, random, k / 4, sizes);
            }

            // Every third point past the first dozen is uniform in [-1, 1] instead (band 0), where domains bounded by
            // ±1 live: acosh(asin(x)^2) is defined only for 0.84 < |x| <= 1, which sign·10^u rarely meets.
            var band = k >= 12 && k % 3 == 2 ? 0 : k < 8 ? 0.5 : k < 16 ? 1 : k < 32 ? 2 : 3;
            yield return Point(space, names, sizes, random, band);
        }
    }

    /// <summary>
    /// Points where one scalar variable takes a small exact value (0, ±1, ±2, ±1/2, ±3) and the others random
    /// ones, the point where every scalar is 0, and one where every vector and matrix is 0: where removable
    /// singularities and boundaries of domains lie.
    /// </summary>
    public static IEnumerable<Dictionary<string, Value>> SpecialPoints(SampleSpace space)
    {
        var random = new Random(Seed + 1);
        var names = space.Shapes.Keys.Order(StringComparer.Ordinal).ToArray();
        var scalars = names.Where(n => space.Shapes[n].IsScalar).ToArray();
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        ChooseSizes(space, random, 0, sizes);
        var zero = Point(space, names, sizes, random, 0.5);
        foreach (var name in scalars)
        {
            zero[name] = Value.Of(0);
        }

        yield return zero;
        var singular = Point(space, names, sizes, random, 0.5);
        foreach (var name in names.Where(n => !space.Shapes[n].IsScalar))
        {
            // Every vector and matrix zero: where inv(X)*X and I differ (det(X) != 0).
            singular[name] = singular[name].Matrix is { } m ? Value.Of(Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount), singular[name].IsVector).As(singular[name].Form) : singular[name];
        }

        if (names.Length > scalars.Length)
        {
            yield return singular;
        }

        foreach (var name in scalars)
        {
            foreach (var special in SpecialValues)
            {
                var point = Point(space, names, sizes, random, 0.5);
                point[name] = Value.Of(special);
                yield return point;
            }
        }
    }

    /// <summary>
    /// The point with every number rounded to <paramref name="digits"/> significant digits (0.7 rather than
    /// 0.6931…), for a counterexample a reader can check; symmetric matrices stay symmetric.
    /// </summary>
    public static Dictionary<string, Value> Rounded(IReadOnlyDictionary<string, Value> point, int digits) =>
        point.ToDictionary(p => p.Key, p => p.Value.Matrix is { } m
            ? Value.Of(m.Map(v => Round(v, digits)), p.Value.IsVector).As(p.Value.Form)
            : Value.Of(Round(p.Value.Scalar, digits)), StringComparer.Ordinal);

    /// <summary>The point as text, for messages: x = 0.7, y = -2.</summary>
    public static string Describe(IReadOnlyDictionary<string, Value> point) =>
        string.Join(", ", point.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} = {Show(p.Value)}"));

    private static string Show(Value v) => v.Matrix is { } m
        ? "[" + string.Join(", ", Enumerable.Range(0, m.RowCount).Select(i =>
            v.IsVector ? Show(m[i, 0]) : "[" + string.Join(", ", Enumerable.Range(0, m.ColumnCount).Select(j => Show(m[i, j]))) + "]")) + "]"
        : Show(v.Scalar);

    private static string Show(double d) => d.ToString("G6", CultureInfo.InvariantCulture);

    private static double Round(double v, int digits)
    {
        if (v == 0 || !double.IsFinite(v))
        {
            return v;
        }

        var scale = Math.Pow(10, digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(v))));
        var rounded = Math.Round(v * scale) / scale;
        // Through decimal text, so 0.7 is the double nearest 0.7 rather than 7 * 0.1.
        return double.Parse(rounded.ToString("G" + digits, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>A size for every symbolic dimension: all 2, all 3, then random sizes from 2 to 4.</summary>
    private static void ChooseSizes(SampleSpace space, Random random, int round, Dictionary<string, int> sizes)
    {
        sizes.Clear();
        foreach (var name in space.Shapes.Values.SelectMany(s => new[] { s.Rows, s.Cols }).Where(d => !d.IsConcrete).Select(d => d.Name!).Distinct().Order(StringComparer.Ordinal))
        {
            sizes[name] = round switch
            {
                0 => 2,
                1 => 3,
                _ => random.Next(2, 5),
            };
        }
    }

    private static Dictionary<string, Value> Point(SampleSpace space, string[] names, Dictionary<string, int> sizes, Random random, double band)
    {
        var point = new Dictionary<string, Value>(names.Length, StringComparer.Ordinal);
        foreach (var name in names)
        {
            var shape = space.Shapes[name];
            if (shape.IsScalar)
            {
                point[name] = Value.Of(Scalar(random, band));
                continue;
            }

            var rows = Size(shape.Rows, sizes);
            var cols = Size(shape.Cols, sizes);
            var entries = Matrix<double>.Build.Dense(rows, cols, (_, _) => 4 * random.NextDouble() - 2);
            if (space.Symmetric.Contains(name) && rows == cols)
            {
                entries = (entries + entries.Transpose()) / 2;
            }

            point[name] = shape.IsColumn ? Value.Vector([.. entries.Column(0)]) : Value.FromRows([.. entries.EnumerateRows().Select(r => (IReadOnlyList<double>)[.. r])]);
        }

        return point;
    }

    private static int Size(Dim d, Dictionary<string, int> sizes) => d.IsConcrete ? d.Size : sizes[d.Name!];

    private static double Scalar(Random random, double band)
    {
        if (band == 0)
        {
            return 2 * random.NextDouble() - 1;
        }

        var magnitude = Math.Pow(10, band * (2 * random.NextDouble() - 1));
        return random.Next(2) == 0 ? magnitude : -magnitude;
    }
}
