using CsCheck;
using M = MathNet.Numerics.LinearAlgebra.Matrix<double>;

namespace CalcApi.Fuzz.Tests.Generators;

/// <summary>
/// Well-formed expressions of the contract's language, as text, built from CsCheck combinators (so a
/// failure shrinks towards a smaller expression). Three families:
/// <see cref="Smooth"/> scalar functions of x and y for finite differences, <see cref="Typed"/>
/// scalar functions of the vectors a, b and the matrix W (all of size <see cref="N"/>), and
/// <see cref="Wild"/>, which adds everything else the grammar allows: huge and odd numbers, deep
/// nesting, long sums, every operator and function, names that are not declared.
/// </summary>
public static class ExpressionGen
{
    /// <summary>The length of a and b and the size of the square W in <see cref="Typed"/>.</summary>
    public const int N = 3;

    public static readonly string[] ScalarFunctions =
        ["sin", "cos", "tan", "exp", "log", "ln", "sqrt", "abs", "sinh", "cosh", "tanh", "asin", "acos", "atan", "sigmoid", "softplus", "log1p",
         "sec", "csc", "cot", "asinh", "acosh", "atanh", "erf"];

    /// <summary>Functions applied element-wise that are defined on the whole real line.</summary>
    private static readonly string[] EverywhereFunctions = ["sin", "cos", "exp", "tanh", "sigmoid", "softplus", "atan", "sinh", "cosh", "asinh", "erf"];

    // ---------------------------------------------------------------- smooth scalar functions of x, y

    private static readonly (string Text, double Value)[] SmallNumbers =
        [("1", 1), ("2", 2), ("3", 3), ("0.5", 0.5), ("1.25", 1.25), ("2e-1", 0.2), ("(1/3)", 1.0 / 3), ("pi", Math.PI), ("e", Math.E), ("10", 10), ("0.1", 0.1)];

    private static readonly (string Text, double Value)[] Exponents =
        [("2", 2), ("3", 3), ("-1", -1), ("-2", -2), ("(1/2)", 0.5), ("(1/3)", 1.0 / 3), ("(2/3)", 2.0 / 3), ("4", 4), ("0", 0), ("1", 1), ("0.5", 0.5)];

    /// <summary>Scalar functions of x (mostly) and y, every construct of the scalar language, depth at most <paramref name="depth"/>.</summary>
    public static Gen<string> Smooth(int depth = 4) => SmoothTerms(depth).Select(t => t.Text);

    private static readonly Dictionary<int, Gen<ScalarTerm>> SmoothCache = [];

    /// <summary>The same expressions, each with its meaning computed independently of the engine (NaN where undefined).</summary>
    public static Gen<ScalarTerm> SmoothTerms(int depth = 4)
    {
        lock (SmoothCache)
        {
            if (SmoothCache.TryGetValue(depth, out var cached))
            {
                return cached;
            }
        }

        var leaf = Gen.Frequency(
            (6, Gen.Const(new ScalarTerm("x", (x, _) => x))),
            (2, Gen.Const(new ScalarTerm("y", (_, y) => y))),
            (3, Gen.OneOf(SmallNumbers).Select(n => new ScalarTerm(n.Text, (_, _) => n.Value))));
        Gen<ScalarTerm> result;
        if (depth == 0)
        {
            result = leaf;
        }
        else
        {
            var sub = SmoothTerms(depth - 1);
            var k = Gen.Int[2, 9];
            result = Gen.Frequency(
                (3, leaf),
                (4, Gen.Select(Gen.OneOf(ScalarFunctions), sub, (f, a) => new ScalarTerm($"{f}({a.Text})", (x, y) => Meaning.Scalar(f, a.F(x, y))))),
                (2, Gen.Select(sub, sub, (a, b) => new ScalarTerm($"({a.Text} + {b.Text})", (x, y) => a.F(x, y) + b.F(x, y)))),
                (2, Gen.Select(sub, sub, (a, b) => new ScalarTerm($"({a.Text} - {b.Text})", (x, y) => a.F(x, y) - b.F(x, y)))),
                (2, Gen.Select(sub, sub, (a, b) => new ScalarTerm($"({a.Text}*{b.Text})", (x, y) => a.F(x, y) * b.F(x, y)))),
                (2, Gen.Select(sub, sub, (a, b) => new ScalarTerm($"({a.Text}/{b.Text})", (x, y) => a.F(x, y) / b.F(x, y)))),
                (2, Gen.Select(sub, Gen.OneOf(Exponents), (a, n) => new ScalarTerm($"({a.Text})^{n.Text}", (x, y) => Math.Pow(a.F(x, y), n.Value)))),
                (1, Gen.Select(Gen.OneOf(
                        new ScalarTerm("x", (x, _) => x), new ScalarTerm("2", (_, _) => 2), new ScalarTerm("(1 + x^2)", (x, _) => 1 + x * x),
                        new ScalarTerm("e", (_, _) => Math.E), new ScalarTerm("y", (_, y) => y)), sub,
                    (b, a) => new ScalarTerm($"{b.Text}^({a.Text})", (x, y) => Math.Pow(b.F(x, y), a.F(x, y))))),
                // Implicit products, each in parentheses: x/2x is (x/2)*x in the language.
                (1, Gen.Select(k, sub, (n, a) => new ScalarTerm($"({n}({a.Text}))", (x, y) => n * a.F(x, y)))),
                (1, Gen.Select(k, Gen.OneOf(("x", 0), ("y", 1), ("pi", 2)), (n, v) => new ScalarTerm($"({n}{v.Item1})", (x, y) => n * (v.Item2 switch { 0 => x, 1 => y, _ => Math.PI })))),
                (1, Gen.Select(k, sub, (n, a) => new ScalarTerm($"({n} sin({a.Text}))", (x, y) => n * Math.Sin(a.F(x, y))))),
                (1, Gen.Select(sub, sub, (a, b) => new ScalarTerm($"(({a.Text})({b.Text}))", (x, y) => a.F(x, y) * b.F(x, y)))),
                (1, sub.Select(a => new ScalarTerm($"-({a.Text})", (x, y) => -a.F(x, y)))),
                (1, sub.Select(a => new ScalarTerm($"-{a.Text}", (x, y) => -a.F(x, y)))),
                (1, sub.Select(a => new ScalarTerm($"\u2212({a.Text})", (x, y) => -a.F(x, y)))),
                // Scalar functions through matrix operations: the scalar endpoints take them too.
                (1, sub.Select(a => new ScalarTerm($"det(ones(2,2) + ({a.Text})*I)", (x, y) => { var t = a.F(x, y); return ((1 + t) * (1 + t)) - 1; }))),
                (1, sub.Select(a => new ScalarTerm($"tr(({a.Text})*ones(2,2))", (x, y) => 2 * a.F(x, y)))),
                (1, sub.Select(a => new ScalarTerm($"sum(({a.Text})*ones(3,1))", (x, y) => 3 * a.F(x, y)))),
                (1, sub.Select(a => new ScalarTerm($"logdet((2 + ({a.Text})^2)*I + ones(2,2))", (x, y) => { var t = a.F(x, y); var d = 2 + (t * t); return Math.Log(d * (d + 2)); }))));
        }

        result = result.Select(t => t.Guarded());
        lock (SmoothCache)
        {
            SmoothCache[depth] = result;
        }

        return result;
    }

    // ---------------------------------------------------------------- typed: scalars of vectors and matrices

    /// <summary>A scalar function of a, b (vectors of length <see cref="N"/>), W (N×N), c and x (scalars), well-typed by construction.</summary>
    public static Gen<string> Typed(int depth = 3) => TypedTerms(depth).Select(t => t.Text);

    /// <summary>The same expressions, each with its meaning computed independently of the engine (with MathNet.Numerics).</summary>
    public static Gen<TypedTerm> TypedTerms(int depth = 3) => Scalar(depth);

    private static readonly Dictionary<(char, int), Gen<TypedTerm>> TypedCache = [];

    private static Gen<TypedTerm> Cached(char kind, int depth, Func<Gen<TypedTerm>> build)
    {
        lock (TypedCache)
        {
            if (TypedCache.TryGetValue((kind, depth), out var cached))
            {
                return cached;
            }
        }

        var gen = build().Select(t => t.Guarded());
        lock (TypedCache)
        {
            TypedCache[(kind, depth)] = gen;
        }

        return gen;
    }

    private static TypedTerm T(string text, Func<Env, M> f) => new(text, f);

    // A lone I is never generated: with nothing to size it (tr(I), diag(I)) the engine takes it as 1×1.

    private static Gen<TypedTerm> Scalar(int depth) => Cached('s', depth, () =>
    {
        var leaf = Gen.Frequency(
            (3, Gen.OneOf(T("c", p => p.C), T("x", p => p.X))),
            (2, Gen.OneOf(T("2", _ => Meaning.Number(2)), T("0.5", _ => Meaning.Number(0.5)), T("3", _ => Meaning.Number(3)), T("(1/2)", _ => Meaning.Number(0.5)))),
            (3, Gen.OneOf(
                T("(a'*b)", p => p.A.TransposeThisAndMultiply(p.B)), T("(a'*W*b)", p => p.A.TransposeThisAndMultiply(p.W * p.B)),
                T("(b'*W*a)", p => p.B.TransposeThisAndMultiply(p.W * p.A)), T("sum(a)", p => Meaning.Number(p.A.Enumerate().Sum())),
                T("norm(a)", p => Meaning.Number(p.A.FrobeniusNorm())), T("tr(W)", p => Meaning.Number(p.W.Trace())),
                T("det(W)", p => Meaning.Number(p.W.Determinant())), T("(a'*a)", p => p.A.TransposeThisAndMultiply(p.A)),
                T("sum(W)", p => Meaning.Number(p.W.Enumerate().Sum())), T("norm(W)", p => Meaning.Number(p.W.FrobeniusNorm())))));
        if (depth == 0)
        {
            return leaf;
        }

        var s = Scalar(depth - 1);
        var v = Vector(depth - 1);
        var m = Matrix(depth - 1);
        return Gen.Frequency(
            (3, leaf),
            (2, Gen.Select(v, v, (p, q) => T($"(({p.Text})'*({q.Text}))", e => p.F(e).TransposeThisAndMultiply(q.F(e))))),
            (2, Gen.Select(v, m, (p, w) => T($"(({p.Text})'*({w.Text})*({p.Text}))", e => p.F(e).TransposeThisAndMultiply(w.F(e) * p.F(e))))),
            (1, v.Select(p => T($"sum({p.Text})", e => Meaning.Number(p.F(e).Enumerate().Sum())))),
            (1, v.Select(p => T($"norm({p.Text})", e => Meaning.Number(p.F(e).FrobeniusNorm())))),
            (1, v.Select(p => T($"(norm({p.Text})^2)", e => Meaning.Number(Math.Pow(p.F(e).FrobeniusNorm(), 2))))),
            (1, m.Select(w => T($"tr({w.Text})", e => Meaning.Number(w.F(e).Trace())))),
            (1, m.Select(w => T($"det({w.Text})", e => Meaning.Number(w.F(e).Determinant())))),
            (1, m.Select(w => T($"logdet({w.Text})", e => Meaning.Number(Math.Log(w.F(e).Determinant()))))),
            (1, m.Select(w => T($"sum({w.Text})", e => Meaning.Number(w.F(e).Enumerate().Sum())))),
            (1, m.Select(w => T($"norm({w.Text})", e => Meaning.Number(w.F(e).FrobeniusNorm())))),
            (2, Gen.Select(s, s, Gen.OneOf("+", "-", "*", "/"), (p, q, op) => T($"({p.Text} {op} {q.Text})", e => Meaning.Arithmetic(op, p.F(e), q.F(e))))),
            (1, Gen.Select(Gen.OneOf(EverywhereFunctions), s, (f, p) => T($"{f}({p.Text})", e => Meaning.Map(f, p.F(e))))),
            (1, s.Select(p => T($"(({p.Text})^2)", e => p.F(e).PointwisePower(2)))),
            (1, s.Select(p => T($"(log(1 + ({p.Text})^2))", e => p.F(e).Map(t => Math.Log(1 + (t * t)))))));
    });

    private static Gen<TypedTerm> Vector(int depth) => Cached('v', depth, () =>
    {
        var leaf = Gen.OneOf(T("a", p => p.A), T("b", p => p.B), T("a", p => p.A), T("(W*a)", p => p.W * p.A), T("(W'*b)", p => p.W.TransposeThisAndMultiply(p.B)));
        if (depth == 0)
        {
            return leaf;
        }

        var s = Scalar(depth - 1);
        var v = Vector(depth - 1);
        var m = Matrix(depth - 1);
        return Gen.Frequency(
            (3, leaf),
            (2, Gen.Select(m, v, (w, p) => T($"(({w.Text})*({p.Text}))", e => w.F(e) * p.F(e)))),
            (2, Gen.Select(v, v, Gen.OneOf("+", "-", ".*"), (p, q, op) => T($"({p.Text} {op} {q.Text})", e => Meaning.Arithmetic(op, p.F(e), q.F(e))))),
            (1, Gen.Select(v, v, (p, q) => T($"(({p.Text})./(1 + ({q.Text}).^2))", e => p.F(e).PointwiseDivide(q.F(e).Map(t => 1 + (t * t)))))),
            (1, Gen.Select(s, v, (k, p) => T($"(({k.Text})*({p.Text}))", e => Meaning.Arithmetic("*", k.F(e), p.F(e))))),
            (1, Gen.Select(Gen.OneOf(EverywhereFunctions), v, (f, p) => T($"{f}({p.Text})", e => Meaning.Map(f, p.F(e))))),
            (1, v.Select(p => T($"(({p.Text}).^2)", e => p.F(e).PointwisePower(2)))),
            (1, v.Select(p => T($"(-({p.Text}))", e => -p.F(e)))),
            (1, m.Select(w => T($"diag({w.Text})", e => Meaning.Column(w.F(e).Diagonal())))),
            (1, Gen.Select(m, v, (w, p) => T($"(({w.Text})'*({p.Text}))", e => w.F(e).TransposeThisAndMultiply(p.F(e))))),
            (1, v.Select(p => T($"(inv(I + ({p.Text})*({p.Text})')*({p.Text}))", e => { var q = p.F(e); return (Meaning.Identity(q.RowCount) + (q * q.Transpose())).Inverse() * q; }))));
    });

    private static Gen<TypedTerm> Matrix(int depth) => Cached('m', depth, () =>
    {
        var leaf = Gen.OneOf(
            T("W", p => p.W), T("W", p => p.W), T("W'", p => p.W.Transpose()), T("(W + I)", p => p.W + Meaning.Identity(N)), T($"ones({N},{N})", _ => Meaning.Ones(N, N)),
            T("W^T", p => p.W.Transpose()), T("transpose(W)", p => p.W.Transpose()));
        if (depth == 0)
        {
            return leaf;
        }

        var s = Scalar(depth - 1);
        var v = Vector(depth - 1);
        var m = Matrix(depth - 1);
        return Gen.Frequency(
            (3, leaf),
            (2, Gen.Select(m, m, Gen.OneOf("+", "-", "*", ".*"), (p, q, op) => T($"({p.Text} {op} {q.Text})", e => Meaning.Arithmetic(op, p.F(e), q.F(e))))),
            (1, m.Select(p => T($"(({p.Text})')", e => p.F(e).Transpose()))),
            (1, Gen.Select(v, v, (p, q) => T($"(({p.Text})*({q.Text})')", e => p.F(e) * q.F(e).Transpose()))),
            (1, m.Select(p => T($"(inv(I + ({p.Text})*({p.Text})'))", e => { var w = p.F(e); return (Meaning.Identity(N) + (w * w.Transpose())).Inverse(); }))),
            (1, m.Select(p => T($"((2*I + ({p.Text})*({p.Text})')^-1)", e => { var w = p.F(e); return ((2 * Meaning.Identity(N)) + (w * w.Transpose())).Inverse(); }))),
            (1, Gen.Select(s, m, (k, p) => T($"(({k.Text})*({p.Text}))", e => Meaning.Arithmetic("*", k.F(e), p.F(e))))),
            (1, Gen.Select(Gen.OneOf(EverywhereFunctions), m, (f, p) => T($"{f}({p.Text})", e => Meaning.Map(f, p.F(e))))),
            (1, m.Select(p => T($"(({p.Text}).^2)", e => p.F(e).PointwisePower(2)))),
            (1, v.Select(p => T($"diag({p.Text})", e => Meaning.DiagonalOf(p.F(e))))),
            (1, Gen.Select(m, m, (p, q) => T($"(({p.Text})./(2 + ({q.Text}).^2))", e => p.F(e).PointwiseDivide(q.F(e).Map(t => 2 + (t * t)))))));
    });

    // ---------------------------------------------------------------- wild: the whole grammar, and its edges

    private static readonly string[] WildNumbers =
    [
        "0", "1", "2", "0.5", ".5", "5.", "1e-3", "1E+3", "2.5e10", "1e308", "1e309", "1e-400", "123456789012345678901234567890",
        "0.000000000000000000000000001", "3.14159265358979323846264338327950288", "007", "1e", "1e+", "0e0", "9999999999", "2^(10^9)",
        "(10^100)", "(2^4096)", "(1/0)", "(0/0)", "(0^0)", "(0^-1)",
    ];

    private static readonly string[] WildNames = ["x", "y", "z", "pi", "e", "I", "x_1", "sigma", "xy", "W", "a", "_", "abc123", "e1", "ones", "sin"];

    private static readonly string[] WildFunctions =
        [.. ScalarFunctions, "tr", "det", "logdet", "inv", "sum", "norm", "diag", "transpose", "foo", "Sin", "exp2"];

    /// <summary>Anything the grammar allows, mostly well typed, sometimes not (shape errors are user errors too).</summary>
    public static Gen<string> Wild(int depth = 5) => WildAt(depth);

    private static readonly Dictionary<int, Gen<string>> WildCache = [];

    private static Gen<string> WildAt(int depth)
    {
        lock (WildCache)
        {
            if (WildCache.TryGetValue(depth, out var cached))
            {
                return cached;
            }
        }

        var leaf = Gen.Frequency(
            (4, Gen.OneOf(WildNames)),
            (3, Gen.OneOf(WildNumbers)),
            (1, Gen.Select(Gen.Int[1, 5], Gen.Int[0, 5], (r, c) => $"ones({r},{c})")));
        Gen<string> result;
        if (depth == 0)
        {
            result = leaf;
        }
        else
        {
            var sub = WildAt(depth - 1);
            result = Gen.Frequency(
                (3, leaf),
                (3, Gen.Select(Gen.OneOf(WildFunctions), sub, (f, a) => $"{f}({a})")),
                (1, Gen.Select(Gen.OneOf(WildFunctions), sub, sub, (f, a, b) => $"{f}({a}, {b})")),
                (1, Gen.Select(Gen.OneOf(WildFunctions), (f) => $"{f}()")),
                (4, Gen.Select(sub, sub, Gen.OneOf("+", "-", "*", "/", "^", ".*", "./", ".^", " ", ""), (a, b, op) => $"({a}){op}({b})")),
                (2, Gen.Select(sub, sub, Gen.OneOf("+", "-", "*", "/", "^"), (a, b, op) => $"{a}{op}{b}")),
                (1, sub.Select(a => $"({a})'")),
                (1, sub.Select(a => $"{a}^T")),
                (1, sub.Select(a => $"-{a}")),
                (1, sub.Select(a => $"--{a}")),
                (1, sub.Select(a => $"{a}^-1")),
                (1, Gen.Select(Gen.Int[2, 9], sub, (k, a) => $"{k}({a})")),
                (1, Gen.Select(Gen.Int[2, 9], Gen.OneOf(WildNames), (k, a) => $"{k}{a}")),
                (1, Gen.Select(sub, sub, (a, b) => $"({a})({b})")),
                (1, Gen.Select(Gen.Int[1, 60], sub, (n, a) => $"{new string('(', n)}{a}{new string(')', n)}")),
                // Long sums: a repeated, but never past a few thousand characters (repetition nests).
                (1, Gen.Select(Gen.Int[2, 120], sub, (n, a) => string.Join(" + ", Enumerable.Repeat(a, Math.Max(1, Math.Min(n, 4_000 / (a.Length + 3))))))),
                (1, Gen.Select(Gen.Int[2, 12], (n) => string.Join("^", Enumerable.Repeat("x", n)))),
                (1, Gen.Select(Gen.Int[1, 40], sub, (n, a) => $"{string.Concat(Enumerable.Repeat("sin(", n))}{a}{new string(')', n)}")));
        }

        lock (WildCache)
        {
            WildCache[depth] = result;
        }

        return result;
    }

    /// <summary>Any of the three families.</summary>
    public static Gen<string> Any { get; } = Gen.Frequency((2, Smooth(4)), (2, Typed(3)), (3, Wild(4)));
}
