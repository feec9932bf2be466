using System.Numerics;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// A product of exponentials written as one: exp(a)*exp(b)^k = exp(a + k*b), so the derivative of exp(-exp(-x)) reads
/// exp(-x - exp(-x)), one operation fewer for each factor merged. Both sides are defined where a and b are (exp is
/// defined and positive everywhere), so the domain is kept as long as nothing of a or b that has a condition cancels in
/// the sum: where such a term would (exp(log(x))*exp(-log(x)) is 1 only for x > 0), the product is left as it is, while
/// exp(x)*exp(-x) is 1. The smart constructors never split exp(a + b) again.
/// </summary>
internal static class ExpProducts
{
    /// <summary>Whether <paramref name="node"/> is a product with two exponential factors or more (exp(u), or a whole power of it).</summary>
    public static bool Applies(Expr node)
    {
        if (node is not Product p)
        {
            return false;
        }

        var count = 0;
        foreach (var f in p.Factors)
        {
            if (Exponent(f) is not null && ++count == 2)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The product with its exponential factors as one, or null where the sum of their arguments cancels a term with a condition.</summary>
    public static Expr? Rewrite(Expr node)
    {
        if (node is not Product p)
        {
            return null;
        }

        var others = new List<Expr>(p.Factors.Length);
        var arguments = new List<Expr>(p.Factors.Length);
        foreach (var f in p.Factors)
        {
            if (Exponent(f) is { } k)
            {
                var argument = ((Call)(f is Power power ? power.Base : f)).Argument;
                arguments.Add(k.IsOne ? argument : Algebra.Mul(Algebra.Num(Rational.FromInteger(k)), argument));
            }
            else
            {
                others.Add(f);
            }
        }

        var sum = Algebra.Add([.. arguments]);
        if (!KeepsEveryTerm(arguments, sum))
        {
            return null;
        }

        return Algebra.Mul([.. others, Algebra.Apply(Function.Exp, sum)]);
    }

    /// <summary>The power of exp(u) that <paramref name="f"/> is (1 for exp(u) itself), or null where it is not one.</summary>
    private static BigInteger? Exponent(Expr f) => f switch
    {
        Call { Function: Function.Exp } => BigInteger.One,
        Power { Base: Call { Function: Function.Exp }, Exponent: Number { Value: { IsInteger: true } k } } when BigInteger.Abs(k.Numerator) <= 1_000 => k.Numerator,
        _ => null,
    };

    /// <summary>Whether every term of every argument (up to its coefficient) that has a condition is still a term of the sum: nothing of the domain cancelled.</summary>
    private static bool KeepsEveryTerm(List<Expr> arguments, Expr sum)
    {
        var kept = new HashSet<Expr>();
        foreach (var term in sum is Sum s ? s.Terms : [sum])
        {
            kept.Add(Algebra.SplitCoefficient(term).Monomial);
        }

        foreach (var argument in arguments)
        {
            foreach (var term in Terms(argument))
            {
                var monomial = Algebra.SplitCoefficient(term).Monomial;
                if (monomial is not Number && !kept.Contains(monomial) && DomainConditions.Within(monomial).Count > 0)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The terms of an argument as the sum distributes them: k*(a + b) is k*a + k*b.</summary>
    private static IEnumerable<Expr> Terms(Expr argument) => argument switch
    {
        Sum s => s.Terms,
        Product { Factors: [Number, Sum scaled] } => scaled.Terms,
        _ => [argument],
    };
}
