using CalcApi.Domain.Binding;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Steps;
using CalcApi.Domain.Syntax;
using CalcApi.Domain.Tests.Matrix;
using Xunit.Abstractions;
using Mat = MathNet.Numerics.LinearAlgebra.Matrix<double>;

namespace CalcApi.Domain.Tests.Steps;

/// <summary>
/// Matrix derivations (contract section 6) are checkable: along a random direction U, every differential line, with
/// d(X) := U and any d(u) still unworked := the directional derivative of u along U, equals the directional derivative
/// of f; every gradient line equals the engine's gradient; every rule is a known code.
/// </summary>
public class MatrixDerivationTests(ITestOutputHelper output)
{
    private static readonly HashSet<string> Codes =
    [
        "start", "linearity", "product", "transpose", "trace", "traceCyclic", "determinant", "logdet", "inverse",
        "elementwise", "chain", "identify", "symmetrize", "simplify",
    ];

    /// <summary>The lecture's ten matrix cases (seed-identities.jsonl), then typed expressions that use the other rules.</summary>
    public static TheoryData<string, string, string> Cases { get; } = new()
    {
        { "w'*M*w", "w:3 M:3x3", "w" },
        { "x'*M*x + a'*x", "x:3 M:3x3 a:3", "x" },
        { "(a'*W*b - c)^2", "a:2 W:2x3 b:3 c:s", "W" },
        { "a'*W*b", "a:2 W:2x3 b:3", "W" },
        { "tr(A*X*B)", "A:2x3 X:3x4 B:4x2", "X" },
        { "log(det(X))", "X:3x3/dd", "X" },
        { "logdet(X)", "X:3x3/dd", "X" },
        { "det(X)", "X:3x3/dd", "X" },
        { "tr(X)", "X:3x3", "X" },
        { "tr(X*B*C*D)", "X:3x3 B:3x3 C:3x3 D:3x3", "X" },
        { "tr(inv(X)*A)", "X:3x3/dd A:3x3", "X" },
        { "sum(tanh(W*x))", "W:2x3 x:3", "W" },
        { "exp(a'*x)*x'*x", "a:3 x:3", "x" },
        { "norm(A*x - b)^2", "A:2x3 x:3 b:2", "x" },
        { "tr(X'*A*X)", "X:3x2 A:3x3", "X" },
        { "sin(w'*w) + 3*w'*a", "w:3 a:3", "w" },
        { "logdet(S) + tr(S*A)", "S:3x3/sym A:3x3", "S" },
        { "sum(exp(X).*X)", "X:2x2", "X" },
    };

    private const string GeneratedVariables = "X:3x3/dd A:3x3 a:3 b:3";

    private static readonly string[] Atoms =
        ["tr(X)", "tr(A*X)", "a'*X*b", "logdet(X)", "det(X)", "tr(inv(X)*A)", "sum(X.*X)", "norm(X*a)", "tr(X'*A*X)", "sum(tanh(X*a))", "b'*inv(X)*a"];

    private static readonly string[] Wrappers = ["{0}", "exp(0.1*({0}))", "({0})^2", "sin({0})", "2*({0})'"];

    /// <summary>Typed expressions in X, made of two atoms joined by +, − or *, then wrapped (seeded, so a failure can be replayed).</summary>
    public static TheoryData<string, string, string> Generated()
    {
        var random = new Random(20261129);
        var data = new TheoryData<string, string, string>();
        foreach (var _ in Enumerable.Range(0, 40))
        {
            var (left, right) = (Atoms[random.Next(Atoms.Length)], Atoms[random.Next(Atoms.Length)]);
            var joined = $"{left} {"+-*"[random.Next(3)]} {right}";
            data.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, Wrappers[random.Next(Wrappers.Length)], joined), GeneratedVariables, "X");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Generated))]
    public void Every_line_of_a_generated_derivation_has_the_value_of_the_differential(string text, string variables, string wrt) =>
        Every_line_has_the_value_of_the_differential_and_the_last_is_the_gradient(text, variables, wrt);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_line_has_the_value_of_the_differential_and_the_last_is_the_gradient(string text, string variables, string wrt)
    {
        var specs = VariableSpec.ParseAll(variables);
        var f = Read(text, specs);
        var symmetric = specs.Single(s => s.Name == wrt).Symmetric;
        var g = MatrixGradient.Of(f, wrt);
        var answer = symmetric ? MatrixGradient.Symmetrised(g) : g;
        var lines = MatrixDerivation.Of(f, wrt, g, symmetric ? answer : null, StepDetail.Full, PrintStyle.Default, long.MaxValue);
        Assert.True(lines.IsSuccess, lines.Error?.Detail);
        foreach (var line in lines.Value)
        {
            output.WriteLine($"{line.Rule,-12} {line.Form,-12} {TextPrinter.Print(line.Expression)}  {line.Reference}");
        }

        Assert.Equal("start", lines.Value[0].Rule);
        Assert.All(lines.Value, l => Assert.Contains(l.Rule, Codes));
        Assert.Equal(answer, lines.Value[^1].Expression);
        Assert.Equal("gradient", lines.Value[^1].Form);
        Assert.Contains(lines.Value, l => l.Rule == "identify");

        for (var seed = 1; seed <= 3; seed++)
        {
            var point = MatrixTestKit.Point(specs, MatrixTestKit.StableSeed(text) + seed);
            var random = new Random(seed);
            var direction = Direction(point[wrt], symmetric, random);
            var expected = Directional(f, point, wrt, direction);
            foreach (var line in lines.Value.Where(l => l.Form == "differential"))
            {
                var actual = LineValue(line.Expression, point, wrt, direction);
                Assert.True(Close(actual, expected), $"seed {seed}: {line.Rule} line {TextPrinter.Print(line.Expression)} is {actual}, df is {expected}");

                // The line as printed reads back (d(u) in the language), and the engine's own working-out of its
                // differentials (exact, Differentials.Expand) agrees with the central differences above.
                var printed = TextPrinter.Print(line.Expression);
                var back = ReadLine(printed, specs);
                Assert.True(Close(LineValue(back, point, wrt, direction), expected), $"seed {seed}: {printed} read back is {LineValue(back, point, wrt, direction)}, df is {expected}");
                var expanded = Evaluate(Differentials.Expand(back, v => v == wrt), new Dictionary<string, Value>(point, StringComparer.Ordinal) { [Differentials.DirectionName(wrt)] = direction });
                Assert.True(Close(expanded.Scalar, expected), $"seed {seed}: {printed} worked out exactly is {expanded.Scalar}, df is {expected}");
            }

            var engine = MatrixTestKit.AsMatrix(Evaluate(answer, point));
            foreach (var line in lines.Value.Where(l => l.Form == "gradient"))
            {
                var value = MatrixTestKit.AsMatrix(Evaluate(line.Expression, point));
                var gradientLine = line.Rule == "identify" ? MatrixTestKit.AsMatrix(Evaluate(g, point)) : engine;
                Assert.Empty(MatrixTestKit.Mismatches(value, gradientLine));
            }
        }
    }

    [Fact]
    public void The_lecture_loss_reads_like_the_lecture()
    {
        var specs = VariableSpec.ParseAll("a:2 W:2x3 b:3 c:s");
        var f = Read("(a'*W*b - c)^2", specs);
        var g = MatrixGradient.Of(f, "W");
        var lines = MatrixDerivation.Of(f, "W", g, null, StepDetail.Full, PrintStyle.Default, long.MaxValue).Value;

        Assert.Equal(
            ["d((a'*W*b - c)^2)", "2*(a'*W*b - c)*d(a'*W*b - c)", "2*(a'*W*b - c)*a'*d(W)*b", "2*(a'*W*b - c)*tr(b*a'*d(W))", "2*(a'*W*b - c)*a*b'"],
            lines.Select(l => TextPrinter.Print(l.Expression)).ToArray());
        Assert.Equal(["start", "chain", "linearity", "traceCyclic", "identify"], lines.Select(l => l.Rule).ToArray());
    }

    [Fact]
    public void Identities_cite_their_cookbook_equation()
    {
        var specs = VariableSpec.ParseAll("X:3x3/dd");
        string? Reference(string text, string rule) =>
            MatrixDerivation.Of(Read(text, specs), "X", MatrixGradient.Of(Read(text, specs), "X"), null, StepDetail.Full, PrintStyle.Default, long.MaxValue)
                .Value.Single(l => l.Rule == rule).Reference;

        Assert.Equal("Matrix Cookbook (42)", Reference("det(X)", "determinant"));
        Assert.Equal("Matrix Cookbook (43)", Reference("logdet(X)", "logdet"));
        Assert.Equal("Matrix Cookbook (40)", Reference("tr(inv(X))", "inverse"));
    }

    [Fact]
    public void Brief_detail_merges_linearity_lines_and_ends_at_the_same_gradient()
    {
        var specs = VariableSpec.ParseAll("x:3 M:3x3 a:3");
        var f = Read("x'*M*x + a'*x", specs);
        var g = MatrixGradient.Of(f, "x");
        var full = MatrixDerivation.Of(f, "x", g, null, StepDetail.Full, PrintStyle.Default, long.MaxValue).Value;
        var brief = MatrixDerivation.Of(f, "x", g, null, StepDetail.Brief, PrintStyle.Default, long.MaxValue).Value;

        Assert.True(brief.Count < full.Count, $"brief has {brief.Count} lines, full {full.Count}");
        Assert.DoesNotContain(brief, l => l.Rule == "linearity");
        Assert.Equal(full[^1].Expression, brief[^1].Expression);
    }

    [Fact]
    public void A_derivation_too_large_to_print_is_refused_naming_the_limit()
    {
        var specs = VariableSpec.ParseAll("a:2 W:2x3 b:3 c:s");
        var f = Read("(a'*W*b - c)^2", specs);

        var refused = MatrixDerivation.Of(f, "W", MatrixGradient.Of(f, "W"), null, StepDetail.Full, PrintStyle.Default, 20);

        Assert.False(refused.IsSuccess);
        Assert.Equal("maxResultNodes", refused.Error!.Limit);
    }

    private static Expr Read(string text, IReadOnlyList<VariableSpec> specs)
    {
        var syntax = Parser.Parse(text);
        Assert.True(syntax.IsSuccess, syntax.Error?.Detail);
        var bound = Binder.Bind(syntax.Value, text, MatrixTestKit.Declarations(specs));
        Assert.True(bound.IsSuccess, bound.Error?.Detail);
        return bound.Value.Expression;
    }

    /// <summary>A line as printed, read back with d(u) allowed.</summary>
    private static Expr ReadLine(string text, IReadOnlyList<VariableSpec> specs)
    {
        var syntax = Parser.Parse(text);
        Assert.True(syntax.IsSuccess, $"{text}: {syntax.Error?.Detail}");
        var bound = Binder.Bind(syntax.Value, text, MatrixTestKit.Declarations(specs), differentials: DifferentialUse.Expressions);
        Assert.True(bound.IsSuccess, $"{text}: {bound.Error?.Detail}");
        return bound.Value.Expression;
    }

    private static Value Direction(Value x, bool symmetric, Random random)
    {
        if (x.IsScalar && !x.IsVector)
        {
            return Value.Of((2 * random.NextDouble()) - 1);
        }

        var m = MatrixTestKit.AsMatrix(x);
        var u = Mat.Build.Dense(m.RowCount, m.ColumnCount, (_, _) => (2 * random.NextDouble()) - 1);
        return Value.Of(symmetric ? (u + u.Transpose()) / 2 : u, x.IsVector);
    }

    /// <summary>d/dt f(X + tU) at t = 0, by central differences.</summary>
    private static double Directional(Expr f, IReadOnlyDictionary<string, Value> point, string x, Value u) =>
        DirectionalValue(f, point, x, u) is var d && d.IsScalar ? d.Scalar : throw new InvalidOperationException("f is not a scalar");

    private static Value DirectionalValue(Expr e, IReadOnlyDictionary<string, Value> point, string x, Value u)
    {
        const double h = 1e-5;
        var plus = MatrixTestKit.AsMatrix(Evaluate(e, Moved(point, x, u, h)));
        var minus = MatrixTestKit.AsMatrix(Evaluate(e, Moved(point, x, u, -h)));
        var d = (plus - minus) / (2 * h);
        return e.IsScalar ? Value.Of(d[0, 0]) : Value.Of(d, e.Shape.Cols.IsOne);
    }

    private static Dictionary<string, Value> Moved(IReadOnlyDictionary<string, Value> point, string x, Value u, double t)
    {
        var at = point[x];
        var moved = MatrixTestKit.AsMatrix(at) + (t * MatrixTestKit.AsMatrix(u));
        return new Dictionary<string, Value>(point, StringComparer.Ordinal)
        {
            [x] = at.IsScalar && !at.IsVector ? Value.Of(moved[0, 0]) : Value.Of(moved, at.IsVector),
        };
    }

    /// <summary>A differential line's value: each d(X) is U, each other d(u) the directional derivative of u along U.</summary>
    private static double LineValue(Expr line, IReadOnlyDictionary<string, Value> point, string x, Value u)
    {
        var values = new Dictionary<string, Value>(point, StringComparer.Ordinal);
        var names = new Dictionary<Expr, Expr>();
        foreach (var d in Walk.Distinct(line, comparer: EqualityComparer<Expr>.Default).OfType<Differential>())
        {
            var name = $"δ{names.Count}";
            names[d] = MatrixAlgebra.Variable(name, d.Shape);
            values[name] = d.Operand is MatrixSymbol { Name: var n } && n == x || d.Operand is Symbol { Name: var s } && s == x
                ? u
                : DirectionalValue(d.Operand, point, x, u);
        }

        var substituted = Substitution.Apply(line, e => names.GetValueOrDefault(e));
        var value = Evaluate(substituted, values);
        Assert.True(value.IsScalar, $"a differential line is not a scalar: {TextPrinter.Print(line)}");
        return value.Scalar;
    }

    private static Value Evaluate(Expr e, IReadOnlyDictionary<string, Value> point)
    {
        var value = MatrixEvaluator.Evaluate(e, point);
        Assert.True(value.IsSuccess, $"{TextPrinter.Print(e)}: {value.Error?.Detail}");
        return value.Value;
    }

    private static bool Close(double actual, double expected) => Math.Abs(actual - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected));
}
