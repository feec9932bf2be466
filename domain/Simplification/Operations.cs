using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// The operations an expression takes to write, as a teacher counts them, read off the expression as the printer will
/// write it (issue 10's measure; the printed text's own count is <c>Syntax.OperationCount</c>, which this follows without
/// printing): each + − * / ^ between operands, each function, each unary minus that is not a sum's; a negative power is
/// a division (x^-2 is 1/x^2), a half power a square root, a fraction p/q one division. Each occurrence of a shared
/// sub-expression counts, as it is written each time; the count is memoised per node, so it costs the distinct nodes.
/// </summary>
public static class Operations
{
    public static long Of(Expr e) => Of(e, new Dictionary<Expr, long>(SameNode.Instance));

    /// <summary>The function calls (scalar and matrix functions) written, each occurrence once.</summary>
    public static long Calls(Expr e) => Calls(e, new Dictionary<Expr, long>(SameNode.Instance));

    private static long Calls(Expr e, Dictionary<Expr, long> memo)
    {
        if (memo.TryGetValue(e, out var known))
        {
            return known;
        }

        var count = (e is Call or MatrixCall ? 1 : 0) + e.Children.Sum(c => Calls(c, memo));
        memo[e] = count;
        return count;
    }

    private static long Of(Expr e, Dictionary<Expr, long> memo)
    {
        if (memo.TryGetValue(e, out var known))
        {
            return known;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var count = e switch
        {
            Number n => OfNumber(n.Value),
            Sum s => OfSum(s, memo),
            Product p => OfProduct(p.Factors, memo),
            Power p => OfPower(p, memo),
            MatMul m => m.Factors.Length - 1 + m.Factors.Sum(f => Of(f, memo)),
            _ => e.Children.Sum(c => Of(c, memo)) + (e.Children.Any() ? 1 : 0),
        };
        memo[e] = count;
        return count;
    }

    /// <summary>A negative number is a unary minus, a fraction a division.</summary>
    private static long OfNumber(Rational r) => (r.Sign < 0 ? 1 : 0) + (r.Denominator.IsOne ? 0 : 1);

    /// <summary>n − 1 between n terms; a term's own minus is the operator before it, unless every term has one.</summary>
    private static long OfSum(Sum s, Dictionary<Expr, long> memo)
    {
        long count = s.Terms.Length - 1;
        var negative = 0;
        foreach (var term in s.Terms)
        {
            var (c, monomial) = Algebra.SplitCoefficient(term);
            if (c.Sign < 0)
            {
                negative++;
                count += Of(monomial, memo) + ScaleCost(-c, monomial);
            }
            else
            {
                count += Of(term, memo);
            }
        }

        return count + (negative == s.Terms.Length ? 1 : 0);
    }

    /// <summary>What writing c times <paramref name="monomial"/> adds for c = p/q: a * for p ≠ 1, a / for q ≠ 1 (x^2/4, 3*x/4).</summary>
    private static long ScaleCost(Rational c, Expr monomial) =>
        monomial is Number ? 0 : (c.Numerator.IsOne ? 0 : 1) + (c.Denominator.IsOne ? 0 : 1);

    /// <summary>Factors with a negative power go under one division: a*b/(c*d) is 3 operations.</summary>
    private static long OfProduct(System.Collections.Immutable.ImmutableArray<Expr> factors, Dictionary<Expr, long> memo)
    {
        var numerator = 0;
        var denominator = 0;
        long count = 0;
        foreach (var f in factors)
        {
            switch (f)
            {
                case Number n:
                    count += n.Value.Sign < 0 ? 1 : 0;
                    if (!n.Value.Numerator.IsOne && n.Value.Numerator != -1)
                    {
                        numerator++;
                    }

                    if (!n.Value.Denominator.IsOne)
                    {
                        denominator++;
                    }

                    break;
                case Power { Exponent: Number { Value.Sign: < 0 } k } p:
                    denominator++;
                    count += -k.Value == Rational.One ? Of(p.Base, memo) : OfPowerOf(p.Base, -k.Value, memo);
                    break;
                default:
                    numerator++;
                    count += Of(f, memo);
                    break;
            }
        }

        return count + Math.Max(0, numerator - 1) + Math.Max(0, denominator - 1) + (denominator > 0 ? 1 : 0);
    }

    private static long OfPower(Power p, Dictionary<Expr, long> memo) => p.Exponent is Number { Value: var k }
        ? k.Sign < 0 ? 1 + (-k == Rational.One ? Of(p.Base, memo) : OfPowerOf(p.Base, -k, memo)) : OfPowerOf(p.Base, k, memo)
        : 1 + Of(p.Base, memo) + Of(p.Exponent, memo);

    /// <summary>u^k for a positive k: a square root for 1/2, else u ^ k (a fraction k costs its division).</summary>
    private static long OfPowerOf(Expr b, Rational k, Dictionary<Expr, long> memo) =>
        Of(b, memo) + (k == Rational.Half ? 1 : 1 + OfNumber(k));
}
