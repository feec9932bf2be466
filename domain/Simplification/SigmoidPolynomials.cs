using CalcApi.Domain.Expressions;
using CalcApi.Domain.Simplification.Polynomials;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// A function of sigmoid(v) and exp(±v) written as a polynomial in s = sigmoid(v) alone, the way the textbooks write the
/// logistic function's derivatives: s'' = s*(1 - s)*(1 - 2*s), not (exp(-v) - 1)*(1 - s)*s^2. It rests on
/// exp(-v) = (1 - s)/s, exp(v) = s/(1 - s) and sigmoid(-v) = 1 - s; s lies strictly between 0 and 1 for every real v,
/// so no denominator the substitution brings in is ever zero and the value and the real domain are those of the input.
/// To keep it so, the input may hold nothing but exp(±v), sigmoid(±v) and plain variables, and no variable in a
/// denominator (sigmoid(x)*y*(1/y - 1/sigmoid(x)) is left alone: multiplying out would drop y != 0): then the only
/// factors that can cancel are functions of v that are never zero, and the result, which must still hold sigmoid(v),
/// is defined wherever v is. It is written s^a*(1 - s)^b*q(s) with q expanded, and taken only where it has fewer
/// operations.
/// </summary>
public static class SigmoidPolynomials
{
    /// <summary>Coefficient operations one rewrite may spend.</summary>
    private const long MaxSteps = 20_000;

    public static Expr Of(Expr e)
    {
        if (!e.IsScalar || e.Size > CommonFactors.MaxNodes || Argument(e) is not { } v)
        {
            return e;
        }

        try
        {
            using var work = PolynomialWork.Enter(MaxSteps);
            var original = AtomTable.Of(e);
            if (Enumerable.Range(0, original.Count).Any(i => original[i] is not Symbol && !Of(original[i], v))
                || Walk.Any(e, n => n is Power { Exponent: Number { Value.IsNegative: true } } p && AtomTable.Of(p.Base) is var under
                    && Enumerable.Range(0, under.Count).Any(i => under[i] is Symbol)))
            {
                return e;
            }

            var s = StandardForms.Sigmoid(v);
            var substituted = BottomUp.Rewrite(e, (node, children) => node switch
            {
                Call { Function: Function.Exp } exp => Sign(exp.Argument, v) > 0 ? Algebra.Div(s, Algebra.Sub(Algebra.One, s)) : Algebra.Div(Algebra.Sub(Algebra.One, s), s),
                Call { Function: Function.Sigmoid } sigmoid when Sign(sigmoid.Argument, v) < 0 => Algebra.Sub(Algebra.One, s),
                _ => children is null ? node : BottomUp.Rebuilt(node, children),
            });
            var atoms = AtomTable.Of(substituted);
            if (atoms.TryIndexOf(s) is not { } index)
            {
                return e;
            }

            var f = RationalForm.From(substituted, atoms);
            var written = Algebra.Div(Factored(f.Numerator, index, atoms, s), RationalForm.ToExpr(f.Denominator, atoms));
            return Operations.Of(written) < Operations.Of(e) && Walk.Any(written, n => n.Equals(s)) ? written : e;
        }
        catch (PolynomialRefused)
        {
            return e;
        }
    }

    /// <summary>p as s^a*(1 - s)^b*q: the powers of s and of 1 - s that divide it taken out, the rest expanded.</summary>
    private static Expr Factored(Polynomial p, int index, AtomTable atoms, Expr s)
    {
        if (p.IsZero)
        {
            return Algebra.Zero;
        }

        var a = p.Terms.Keys.Min(m => m[index]);
        var q = a == 0 ? p : p.DividedBy(Polynomial.Term(Rational.One, Monomial.Of(index, a, p.Arity)))!;
        var oneMinusS = Polynomial.One(p.Arity) - Polynomial.Variable(index, p.Arity);
        var b = 0;
        while (q.DependsOn(index) && q.DividedBy(oneMinusS) is { } rest)
        {
            (q, b) = (rest, b + 1);
        }

        return Algebra.Mul(Algebra.Pow(s, Algebra.Num(a)), Algebra.Pow(Algebra.Sub(Algebra.One, s), Algebra.Num(b)), RationalForm.ToExpr(q, atoms));
    }

    /// <summary>
    /// v when every exp and sigmoid of <paramref name="e"/> is of ±v (v written without a leading minus), v holds neither,
    /// and there is a sigmoid(±v) or an exp(±v) + 1 to read as one, found in one walk (the standard forms' first look has
    /// already seen one of those); otherwise null.
    /// </summary>
    private static Expr? Argument(Expr e)
    {
        Expr? v = null;
        var mixed = false;
        var readable = false;
        Walk.Any(e, n =>
        {
            readable |= n is Call { Function: Function.Sigmoid } || StandardForms.OnePlusExp(n) is not null;
            if (n is Call { Function: Function.Exp or Function.Sigmoid } call)
            {
                var u = StandardForms.Negative(call.Argument) == true ? Algebra.Neg(call.Argument) : call.Argument;
                v ??= u;
                mixed = !u.Equals(v);
            }

            return mixed;
        });
        return mixed || !readable || v is null || Walk.Any(v, n => n is Call { Function: Function.Exp or Function.Sigmoid }) ? null : v;
    }

    /// <summary>Whether atom <paramref name="a"/> is exp(±v) or sigmoid(±v).</summary>
    private static bool Of(Expr a, Expr v) => a is Call { Function: Function.Exp or Function.Sigmoid } call && Sign(call.Argument, v) != 0;

    /// <summary>1 when u is v, -1 when it is -v, 0 otherwise.</summary>
    private static int Sign(Expr u, Expr v) => u.Equals(v) ? 1 : Algebra.Neg(u).Equals(v) ? -1 : 0;
}
