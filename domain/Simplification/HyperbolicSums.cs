using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// The hyperbolic functions from their exp spellings: c*exp(u) + c*exp(-u) = 2*c*cosh(u) and c*exp(u) - c*exp(-u) =
/// 2*c*sinh(u), so that d/dx log(exp(x) + exp(-x)) reads tanh(x) once the quotient is named, not
/// (exp(x) - exp(-x))/(exp(x) + exp(-x)). Both sides are defined on the whole line, so neither value nor domain changes.
/// u is taken without a leading minus (cosh(x), not cosh(-x)). Only a sum of exactly those two terms.
/// </summary>
internal static class HyperbolicSums
{
    /// <summary>Whether <paramref name="node"/> is a sum of two exps of opposite arguments with equal or opposite numbers.</summary>
    public static bool Applies(Expr node) => node is Sum { Terms.Length: 2 } s && Parts(s) is not null;

    /// <summary>The sum as 2*c*cosh(u) or 2*c*sinh(u); null where it is not one.</summary>
    public static Expr? Rewrite(Expr node)
    {
        if (node is not Sum { Terms.Length: 2 } s || Parts(s) is not var (u, a, b))
        {
            return null;
        }

        var twice = Algebra.Num(a * new Rational(2, 1));
        return a == b ? Algebra.Mul(twice, Algebra.Apply(Function.Cosh, u))
            : a == -b ? Algebra.Mul(twice, Algebra.Apply(Function.Sinh, u))
            : null;
    }

    /// <summary>u, the number of exp(u) and the number of exp(-u), where the two terms are those and the numbers are equal or opposite.</summary>
    private static (Expr U, Rational A, Rational B)? Parts(Sum s)
    {
        var (c0, m0) = Algebra.SplitCoefficient(s.Terms[0]);
        var (c1, m1) = Algebra.SplitCoefficient(s.Terms[1]);
        if (m0 is not Call { Function: Function.Exp } e0 || m1 is not Call { Function: Function.Exp } e1
            || (c0 != c1 && c0 != -c1) || !Algebra.Neg(e0.Argument).Equals(e1.Argument))
        {
            return null;
        }

        return StandardForms.Negative(e0.Argument) == true ? (e1.Argument, c1, c0) : (e0.Argument, c0, c1);
    }
}
