using System.Collections.Frozen;
using System.Numerics.Tensors;
using static CalcApi.Domain.Expressions.Algebra;

namespace CalcApi.Domain.Expressions;

/// <summary>
/// The scalar functions of the language: one entry each, with its derivative as a formula (f'(u), with
/// <c>f</c> the call f(u) itself), its real domain, its value and its print forms. A test runs every
/// entry through every operation (tests/CalcApi.Domain.Tests/Functions/FunctionCatalogTests.cs).
/// </summary>
public static class FunctionCatalog
{
    private static readonly Rational MinusHalf = new(-1, 2);

    /// <summary>Every function, in the order of <see cref="Function"/>.</summary>
    public static IReadOnlyList<ScalarFunction> All { get; } = Sorted(
    [
        // Trigonometric.
        new(Function.Sin, "sin", Math.Sin, (u, f) => Cos(u))
            { Precise = BigFloatMath.Sin, AtZero = Zero, Latex = @"\sin", MathML = "sin", Kernel = TensorPrimitives.Sin },
        new(Function.Cos, "cos", Math.Cos, (u, f) => -Sin(u))
            { Precise = BigFloatMath.Cos, AtZero = One, Latex = @"\cos", MathML = "cos", Kernel = TensorPrimitives.Cos },
        new(Function.Tan, "tan", Math.Tan, (u, f) => Pow(Cos(u), -2)) // sec(u)^2, written as the lecture does
            { Precise = BigFloatMath.Tan, AtZero = Zero, Outside = CosIsZero, Requires = u => [Condition.NonZero(Cos(u))], Latex = @"\tan", MathML = "tan", Kernel = TensorPrimitives.Tan },
        new(Function.Sec, "sec", u => 1 / Math.Cos(u), (u, f) => f * Tan(u))
            { Precise = BigFloatMath.Sec, AtZero = One, Outside = CosIsZero, Requires = u => [Condition.NonZero(Cos(u))], Latex = @"\sec", MathML = "sec", Kernel = Reciprocal(TensorPrimitives.Cos) },
        new(Function.Csc, "csc", u => 1 / Math.Sin(u), (u, f) => -f * Cot(u))
            { Precise = BigFloatMath.Csc, Outside = SinIsZero, Requires = u => [Condition.NonZero(Sin(u))], Latex = @"\csc", MathML = "csc", Kernel = Reciprocal(TensorPrimitives.Sin) },
        new(Function.Cot, "cot", u => Math.Cos(u) / Math.Sin(u), (u, f) => -Pow(Csc(u), 2))
            { Precise = BigFloatMath.Cot, Outside = SinIsZero, Requires = u => [Condition.NonZero(Sin(u))], Latex = @"\cot", MathML = "cot", Kernel = Reciprocal(TensorPrimitives.Tan) },

        // Inverse trigonometric.
        new(Function.Asin, "asin", Math.Asin, (u, f) => Pow(1 - Pow(u, 2), MinusHalf))
            { Precise = BigFloatMath.Asin, AtZero = Zero, Outside = OutsideClosedUnit, Requires = u => [new(u, Relation.GreaterOrEqual, -1), new(u, Relation.LessOrEqual, 1)], Latex = @"\arcsin", MathML = "arcsin", Kernel = TensorPrimitives.Asin },
        new(Function.Acos, "acos", Math.Acos, (u, f) => -Pow(1 - Pow(u, 2), MinusHalf))
            { Precise = BigFloatMath.Acos, AtZero = Algebra.Half * Pi, AtOne = Zero, Outside = OutsideClosedUnit, Requires = u => [new(u, Relation.GreaterOrEqual, -1), new(u, Relation.LessOrEqual, 1)], Latex = @"\arccos", MathML = "arccos", Kernel = TensorPrimitives.Acos },
        new(Function.Atan, "atan", Math.Atan, (u, f) => Pow(1 + Pow(u, 2), -1))
            { Precise = BigFloatMath.Atan, AtZero = Zero, Latex = @"\arctan", MathML = "arctan", Kernel = TensorPrimitives.Atan },

        // Hyperbolic and their inverses.
        new(Function.Sinh, "sinh", Math.Sinh, (u, f) => Cosh(u))
            { Precise = BigFloatMath.Sinh, AtZero = Zero, Latex = @"\sinh", MathML = "sinh", Kernel = TensorPrimitives.Sinh },
        new(Function.Cosh, "cosh", Math.Cosh, (u, f) => Sinh(u))
            { Precise = BigFloatMath.Cosh, AtZero = One, NonNegative = true, Latex = @"\cosh", MathML = "cosh", Kernel = TensorPrimitives.Cosh },
        new(Function.Tanh, "tanh", Math.Tanh, (u, f) => 1 - Pow(f, 2))
            { Precise = BigFloatMath.Tanh, AtZero = Zero, Latex = @"\tanh", MathML = "tanh", Kernel = TensorPrimitives.Tanh },
        new(Function.Asinh, "asinh", Math.Asinh, (u, f) => Pow(Pow(u, 2) + 1, MinusHalf))
            { Precise = BigFloatMath.Asinh, AtZero = Zero, Latex = @"\operatorname{arsinh}", MathML = "arsinh", Kernel = TensorPrimitives.Asinh },
        new(Function.Acosh, "acosh", Math.Acosh, (u, f) => Pow(Pow(u, 2) - 1, MinusHalf))
            { Precise = BigFloatMath.Acosh, AtOne = Zero, NonNegative = true, Requires = u => [new(u, Relation.GreaterOrEqual, 1)], Outside = u => u >= 1 ? null : $"needs an argument of at least 1, but it is {u:G6} here",
              Latex = @"\operatorname{arcosh}", MathML = "arcosh", Kernel = TensorPrimitives.Acosh },
        new(Function.Atanh, "atanh", Math.Atanh, (u, f) => Pow(1 - Pow(u, 2), -1))
            { Precise = BigFloatMath.Atanh, AtZero = Zero, Requires = u => [new(u, Relation.Greater, -1), new(u, Relation.Less, 1)], Outside = u => Math.Abs(u) < 1 ? null : $"needs an argument in (-1, 1), but it is {u:G6} here",
              Latex = @"\operatorname{artanh}", MathML = "artanh", Kernel = TensorPrimitives.Atanh },

        // Exponentials and logarithms.
        new(Function.Exp, "exp", Math.Exp, (u, f) => f)
            { Precise = BigFloatMath.Exp, AtZero = One, NonNegative = true, Latex = "e", MathML = "e", Notation = CallNotation.PowerOfE, Kernel = TensorPrimitives.Exp },
        new(Function.Log, "log", Math.Log, (u, f) => Pow(u, -1))
            { Precise = BigFloatMath.Log, Aliases = ["ln"], AtOne = Zero, Requires = u => [Condition.Positive(u)], Outside = u => u > 0 ? null : $"needs a positive argument, but it is {u:G6} here",
              Latex = @"\log", MathML = "log", Kernel = TensorPrimitives.Log },
        new(Function.Log1p, "log1p", LogOnePlus, (u, f) => Pow(1 + u, -1))
            { Precise = BigFloatMath.Log1p, AtZero = Zero, Requires = u => [new(u, Relation.Greater, -1)], Outside = u => u > -1 ? null : $"needs an argument greater than -1, but it is {u:G6} here",
              Latex = @"\operatorname{log1p}", MathML = "log1p" },

        // The machine-learning functions.
        new(Function.Sigmoid, "sigmoid", SigmoidOf, (u, f) => f * (1 - f))
            { Precise = BigFloatMath.Sigmoid, AtZero = Algebra.Half, NonNegative = true, Latex = @"\sigma", MathML = "σ", Kernel = Each(SigmoidOf) },
        new(Function.Softplus, "softplus", SoftplusOf, (u, f) => Sigmoid(u))
            { Precise = BigFloatMath.Softplus, NonNegative = true, Latex = @"\operatorname{softplus}", MathML = "softplus", Kernel = Each(SoftplusOf) },

        // The rest.
        new(Function.Abs, "abs", Math.Abs, (u, f) => u / f)
            { Precise = BigFloatMath.Abs, NonNegative = true, Latex = "|", MathML = "|", Notation = CallNotation.Bars, Kernel = TensorPrimitives.Abs },
        new(Function.Erf, "erf", MathNet.Numerics.SpecialFunctions.Erf, (u, f) => 2 * Pow(Pi, MinusHalf) * Exp(-Pow(u, 2)))
            { Precise = BigFloatMath.Erf, AtZero = Zero, Latex = @"\operatorname{erf}", MathML = "erf", Kernel = Each(MathNet.Numerics.SpecialFunctions.Erf) },
    ]);

    private static readonly FrozenDictionary<string, ScalarFunction> ByName =
        All.SelectMany(f => f.Aliases.Prepend(f.Name).Select(name => KeyValuePair.Create(name, f))).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The entry of <paramref name="function"/>.</summary>
    public static ScalarFunction Of(Function function) => All[(int)function];

    /// <summary>The function the language spells <paramref name="name"/> (a name or an alias).</summary>
    public static bool TryFind(string name, out ScalarFunction function) => ByName.TryGetValue(name, out function!);

    /// <summary>Every spelling of every scalar function.</summary>
    public static IEnumerable<string> Names => ByName.Keys;

    /// <summary>1/(1 + e^-u), written so that neither branch overflows.</summary>
    public static double SigmoidOf(double u) => u >= 0 ? 1 / (1 + Math.Exp(-u)) : Math.Exp(u) / (1 + Math.Exp(u));

    /// <summary>ln(1 + e^u), written so that it neither overflows nor loses precision.</summary>
    public static double SoftplusOf(double u) => u > 30 ? u + Math.Exp(-u) : LogOnePlus(Math.Exp(u));

    /// <summary>ln(1 + u), accurate for small u.</summary>
    public static double LogOnePlus(double u)
    {
        var w = 1 + u;
        return w == 1 ? u : Math.Log(w) * u / (w - 1);
    }

    private static Expr Sin(Expr u) => Apply(Function.Sin, u);

    private static Expr Cos(Expr u) => Apply(Function.Cos, u);

    private static Expr Tan(Expr u) => Apply(Function.Tan, u);

    private static Expr Cot(Expr u) => Apply(Function.Cot, u);

    private static Expr Csc(Expr u) => Apply(Function.Csc, u);

    private static Expr Sinh(Expr u) => Apply(Function.Sinh, u);

    private static Expr Cosh(Expr u) => Apply(Function.Cosh, u);

    private static Expr Exp(Expr u) => Apply(Function.Exp, u);

    private static Expr Sigmoid(Expr u) => Apply(Function.Sigmoid, u);

    private static string? CosIsZero(double u) => Math.Abs(Math.Cos(u)) < 1e-300 ? "is undefined (cos = 0)" : null;

    private static string? SinIsZero(double u) => Math.Abs(Math.Sin(u)) < 1e-300 ? "is undefined (sin = 0)" : null;

    private static string? OutsideClosedUnit(double u) => Math.Abs(u) <= 1 ? null : $"needs an argument in [-1, 1], but it is {u:G6} here";

    private static SpanKernel Reciprocal(SpanKernel inner) => (source, destination) =>
    {
        inner(source, destination);
        TensorPrimitives.Reciprocal(destination, destination);
    };

    /// <summary>A kernel for a function defined on the whole real line (or that gives NaN outside its domain itself).</summary>
    private static SpanKernel Each(Func<double, double> f) => (source, destination) =>
    {
        for (var k = 0; k < source.Length; k++)
        {
            destination[k] = f(source[k]);
        }
    };

    /// <summary>The entries indexed by <see cref="Function"/>; a function without an entry, or with two, fails here, at start-up.</summary>
    private static ScalarFunction[] Sorted(ScalarFunction[] entries)
    {
        var byId = new ScalarFunction[Enum.GetValues<Function>().Length];
        foreach (var entry in entries)
        {
            if (byId[(int)entry.Id] is not null)
            {
                throw new InvalidOperationException($"The function catalog has two entries for {entry.Id}.");
            }

            byId[(int)entry.Id] = entry;
        }

        var missing = Enum.GetValues<Function>().Where(f => byId[(int)f] is null).ToList();
        return missing.Count == 0 ? byId : throw new InvalidOperationException($"The function catalog has no entry for {string.Join(", ", missing)}.");
    }
}
