using System.Numerics;
using CalcApi.Domain;
using CalcApi.Domain.Numbers;
using CalcApi.Domain.Syntax;

namespace CalcApi.Fuzz.Tests.Support;

/// <summary>What the precise evaluation of an expression as written says at a point.</summary>
public enum Written
{
    /// <summary>A value.</summary>
    Defined,

    /// <summary>Some part of the expression as written is undefined there (log of a non-positive number, a division by zero, ...).</summary>
    Outside,

    /// <summary>Not decided: not the scalar language of x and y, a domain edge within rounding, beyond the precise numbers.</summary>
    Unknown,
}

/// <summary>
/// The scalar expression <em>as written</em> (its syntax tree, before the binder folds or cancels anything), evaluated in
/// arbitrary precision with domain checks of its own: log needs a positive argument, a division a non-zero divisor, an
/// even root a non-negative base, and so on. Only the elementary functions (<see cref="BigFloatMath"/>) are the engine's;
/// the reading of the tree and the domain are not. Points are BigFloats, so that a difference quotient can step by 2^-100.
/// </summary>
public static class WrittenMeaning
{
    /// <summary>Within this many bits of a domain edge the answer is <see cref="Written.Unknown"/>.</summary>
    private const int EdgeBits = 900;

    private sealed class Undecided : Exception;

    private sealed class Undefined : Exception;

    public static (Written Kind, BigFloat Value) Evaluate(string text, IReadOnlyDictionary<string, BigFloat> point, int bits)
    {
        var syntax = Parser.Parse(text, EngineLimits.Default);
        return syntax.IsSuccess ? Evaluate(syntax.Value, point, bits) : (Written.Unknown, default);
    }

    /// <summary>Beyond this working precision (<c>bits</c> plus the largest intermediate's binary order) the answer is <see cref="Written.Unknown"/>.</summary>
    private const int MaxBits = 12_000;

    /// <summary>The binary order of the largest intermediate value of the evaluation on this thread so far.</summary>
    [ThreadStatic]
    private static long _largest;

    /// <summary>
    /// The value of <paramref name="tree"/>, with every intermediate value known to 2^-<paramref name="bits"/> absolutely,
    /// not relatively: a sum that cancels large terms (2^7000 + x - 2^7000) keeps x, and a difference quotient with a step
    /// of 2^-100 sees it. A first evaluation at <paramref name="bits"/> finds the largest intermediate; where it is above
    /// 2^32, a second one runs with that many more bits (rounding to <paramref name="bits"/> alone, 2^7000 + x + h would
    /// lose x + h, and the quotient of -(2^y + x) at y = 7000 was 0, not -1).
    /// </summary>
    public static (Written Kind, BigFloat Value) Evaluate(SyntaxNode tree, IReadOnlyDictionary<string, BigFloat> point, int bits)
    {
        var first = EvaluateAt(tree, point, bits, out var largest);
        if (first.Kind == Written.Unknown || largest <= 32)
        {
            return first;
        }

        return bits + largest > MaxBits ? (Written.Unknown, default) : EvaluateAt(tree, point, bits + (int)largest + 32, out _);
    }

    private static (Written Kind, BigFloat Value) EvaluateAt(SyntaxNode tree, IReadOnlyDictionary<string, BigFloat> point, int bits, out long largest)
    {
        _largest = 0;
        try
        {
            return (Written.Defined, Eval(tree, point, bits));
        }
        catch (Undefined)
        {
            return (Written.Outside, default);
        }
        catch (Exception ex) when (ex is Undecided or ArithmeticException or OverflowException or InsufficientExecutionStackException || ex.GetType().Name == "CalcException")
        {
            return (Written.Unknown, default);
        }
        finally
        {
            largest = _largest;
        }
    }

    private static BigFloat Eval(SyntaxNode node, IReadOnlyDictionary<string, BigFloat> point, int bits)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var value = node switch
        {
            NumberSyntax n => BigFloat.FromRational(n.Value, bits),
            NameSyntax { Name: "pi" } => BigFloatMath.Pi(bits),
            NameSyntax { Name: "e" } => BigFloatMath.E(bits),
            NameSyntax s => point.TryGetValue(s.Name, out var v) ? v : throw new Undecided(),
            NegateSyntax n => -Eval(n.Operand, point, bits),
            TransposeSyntax t => Eval(t.Operand, point, bits),
            SumSyntax s => s.Terms.Aggregate(BigFloat.Zero, (total, t) => BigFloat.Add(total, t.Minus ? -Eval(t.Term, point, bits) : Eval(t.Term, point, bits), bits)),
            ProductSyntax p => ProductOf(p, point, bits),
            PowerSyntax p => PowerOf(p, point, bits),
            CallSyntax { Arguments.Count: 1 } c => CallOf(c.Name, Eval(c.Arguments[0], point, bits), bits),
            _ => throw new Undecided(),
        };
        if (!value.IsZero && Math.Abs(value.Scale) > 100_000)
        {
            throw new Undecided();
        }

        if (!value.IsZero && value.Scale > _largest)
        {
            _largest = value.Scale;
        }

        return value;
    }

    private static BigFloat ProductOf(ProductSyntax p, IReadOnlyDictionary<string, BigFloat> point, int bits)
    {
        var value = Eval(p.First, point, bits);
        foreach (var (op, _, factor) in p.Rest)
        {
            var f = Eval(factor, point, bits);
            if (op is ProductOperator.Divide or ProductOperator.ElementDivide)
            {
                value = f.IsZero ? throw new Undefined() : BigFloat.Divide(value, f, bits);
            }
            else
            {
                value = BigFloat.Multiply(value, f, bits);
            }
        }

        return value;
    }

    /// <summary>The exponent as an exact rational when it is written with numbers only ((1/3), -2, 0.5).</summary>
    private static Rational? Exact(SyntaxNode node) => node switch
    {
        NumberSyntax n => n.Value,
        NegateSyntax n => Exact(n.Operand) is { } q ? -q : null,
        SumSyntax s => s.Terms.Aggregate((Rational?)Rational.Zero, (total, t) => total is { } a && Exact(t.Term) is { } b ? (t.Minus ? a - b : a + b) : null),
        ProductSyntax p when p.Rest.All(r => r.Operator is ProductOperator.Times or ProductOperator.Divide) =>
            p.Rest.Aggregate(Exact(p.First), (total, r) => total is { } a && Exact(r.Factor) is { } b
                ? r.Operator == ProductOperator.Times ? a * b : b.IsZero ? null : a / b
                : null),
        _ => null,
    };

    private static BigFloat PowerOf(PowerSyntax p, IReadOnlyDictionary<string, BigFloat> point, int bits)
    {
        var b = Eval(p.Base, point, bits);
        if (Exact(p.Exponent) is { } q && BigInteger.Abs(q.Numerator) < 1_000_000 && q.Denominator < 1_000_000)
        {
            if (b.IsZero)
            {
                return q.Sign > 0 ? b : q.IsZero ? throw new Undecided() : throw new Undefined();
            }

            if (b.Sign < 0 && !q.IsInteger && q.Denominator.IsEven)
            {
                throw new Undefined();
            }

            return BigFloatMath.Power(b, q, bits);
        }

        var x = Eval(p.Exponent, point, bits);
        if (Varies(p.Base, point) && Varies(p.Exponent, point))
        {
            // u^v with both u and v varying is exp(v ln u), defined for u > 0 only (the engine states x > 0 for x^y, and
            // d/dv u^v = u^v ln u needs it): not at u = 0, nor at u < 0 with an integer v, where (-1)^3 alone would be real.
            Require(b.Sign > 0, b);
            return BigFloatMath.Power(b, x, bits);
        }

        if (b.IsZero)
        {
            return x.Sign > 0 ? b : x.IsZero ? throw new Undecided() : throw new Undefined();
        }

        if (b.Sign < 0)
        {
            if (!x.IsInteger)
            {
                // A negative base needs an integer exponent; one within rounding of an integer is not decided here,
                // nor is a constant exponent this reading cannot make exact (abs(1/3) is the engine's exact 1/3,
                // an odd root, real for a negative base).
                var nearest = BigFloat.FromInteger(x.RoundToInteger());
                var gap = BigFloat.Subtract(x, nearest, bits);
                throw gap.Scale < -EdgeBits || CalcApi.Domain.Syntax.SyntaxNames.FreeNames(p.Exponent).Count == 0 ? new Undecided() : new Undefined();
            }

            var n = x.RoundToInteger();
            return BigInteger.Abs(n) > 1_000_000 ? throw new Undecided() : BigFloatMath.Power(b, n, bits);
        }

        return BigFloatMath.Power(b, x, bits);
    }

    /// <summary>Whether the expression as written reads a variable of the point (pi and e are constants), whatever it folds to.</summary>
    private static bool Varies(SyntaxNode node, IReadOnlyDictionary<string, BigFloat> point) =>
        CalcApi.Domain.Syntax.SyntaxNames.FreeNames(node).Any(point.ContainsKey);

    private static BigFloat CallOf(string name, BigFloat u, int bits)
    {
        var one = BigFloat.One;
        switch (name)
        {
            case "log" or "ln":
                Require(u.Sign > 0, u);
                return BigFloatMath.Log(u, bits);
            case "sqrt":
                Require(u.Sign >= 0, u);
                return BigFloatMath.Sqrt(u, bits);
            case "log1p":
                Require(BigFloat.Add(u, one, bits + 64).Sign > 0, BigFloat.Add(u, one, bits + 64));
                return BigFloatMath.Log1p(u, bits);
            case "asin" or "acos":
                Require(BigFloat.Abs(u) <= one, BigFloat.Subtract(one, BigFloat.Abs(u), bits + 64));
                return name == "asin" ? BigFloatMath.Asin(u, bits) : BigFloatMath.Acos(u, bits);
            case "acosh":
                Require(u >= one, BigFloat.Subtract(u, one, bits + 64));
                return BigFloatMath.Acosh(u, bits);
            case "atanh":
                Require(BigFloat.Abs(u) < one, BigFloat.Subtract(one, BigFloat.Abs(u), bits + 64));
                return BigFloatMath.Atanh(u, bits);
            case "tan" or "sec":
                NonZero(BigFloatMath.Cos(u, bits + 64));
                return name == "tan" ? BigFloatMath.Tan(u, bits) : BigFloatMath.Sec(u, bits);
            case "cot" or "csc":
                NonZero(BigFloatMath.Sin(u, bits + 64));
                return name == "cot" ? BigFloatMath.Cot(u, bits) : BigFloatMath.Csc(u, bits);
            case "sin": return BigFloatMath.Sin(u, bits);
            case "cos": return BigFloatMath.Cos(u, bits);
            case "exp": return BigFloatMath.Exp(u, bits);
            case "abs": return BigFloat.Abs(u);
            case "sinh": return BigFloatMath.Sinh(u, bits);
            case "cosh": return BigFloatMath.Cosh(u, bits);
            case "tanh": return BigFloatMath.Tanh(u, bits);
            case "atan": return BigFloatMath.Atan(u, bits);
            case "asinh": return BigFloatMath.Asinh(u, bits);
            case "erf": return BigFloatMath.Erf(u, bits);
            case "sigmoid": return BigFloatMath.Sigmoid(u, bits);
            case "softplus": return BigFloatMath.Softplus(u, bits);
            default: throw new Undecided();
        }
    }

    /// <summary>Inside the domain, outside it, or (within 2^-900 of its edge, <paramref name="margin"/>) not decided.</summary>
    private static void Require(bool inside, BigFloat margin)
    {
        if (!margin.IsZero && margin.Scale < -EdgeBits)
        {
            throw new Undecided();
        }

        if (!inside)
        {
            throw new Undefined();
        }
    }

    private static void NonZero(BigFloat v)
    {
        if (v.IsZero)
        {
            throw new Undefined();
        }

        if (v.Scale < -EdgeBits)
        {
            throw new Undecided();
        }
    }
}
