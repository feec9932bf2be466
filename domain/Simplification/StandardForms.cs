using System.Numerics;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// Recognises the standard forms readers use in an answer, so that the logistic gradient reads
/// -X'*(y.*sigmoid(-y.*(X*w))) rather than -X'*(exp(-X*w.*y).*y./(exp(-X*w.*y) + 1)). Every rule is an identity
/// that holds wherever its left side is defined, so neither the value nor the real domain changes:
/// <list type="bullet">
/// <item>exp(v)^a/(exp(v) + 1)^k = sigmoid(v)^a*sigmoid(-v)^(k - a) (so exp(v)/(exp(v) + 1) = sigmoid(v) and 1/(1 + exp(-v)) = sigmoid(v));</item>
/// <item>log(1 + exp(v)) = log1p(exp(v)) = softplus(v);</item>
/// <item>sigmoid(-v) = 1 - sigmoid(v), written so where both appear: sigmoid(v)*(1 - sigmoid(v)) as the textbooks do, and
/// inside sums and products only where multiplying out then cancels (<see cref="StandardFormsExpansion"/>: the
/// cross-entropy gradient becomes sigmoid(X*w) - y).</item>
/// <item>a function of sigmoid(v) and exp(±v) alone as a polynomial in sigmoid(v) (<see cref="SigmoidPolynomials"/>: the
/// logistic function's higher derivatives, s*(1 - s)*(1 - 2*s)).</item>
/// </list>
/// The pass runs bottom-up over the DAG, each shared node once, rebuilding a node only where a child changed; the
/// result is taken only where it has fewer operations than the input (<see cref="Operations"/>). Its work is
/// bounded by its own allowance of nodes: where that runs out, the answer is the input unchanged, never a refusal.
/// </summary>
public static class StandardForms
{
    /// <summary>The most nodes the pass may build beyond a share proportional to the answer's own.</summary>
    private const long BaseAllowance = 50_000;

    private const long MaxAllowance = 500_000;

    public static Expr Recognise(Expr e, CancellationToken cancellation = default)
    {
        // Every rule starts from a sigmoid or from exp(v) + 1 (in a quotient, a reciprocal, log(1 + exp(v)) or
        // log1p(exp(v)), whose argument is read as such a sum): an answer with neither is returned after this look alone.
        if ((e.Contents & (Contents.Sum | Contents.SigmoidOrLog1p)) == 0 || !Walk.Any(e, node => node is Call { Function: Function.Sigmoid } or Call { Function: Function.Log1p, Argument: Call { Function: Function.Exp } }
            || OnePlusExp(node) is not null))
        {
            return e;
        }

        var distinct = (long)Walk.Distinct(e).Count();

        var limits = WorkBudget.CurrentLimits;
        var allowance = Math.Min(Math.Min(limits.MaxWorkNodes, MaxAllowance), BaseAllowance + (4 * distinct));
        try
        {
            // Its own budget, so that the nodes the pass builds (and may throw away) never count against the answer's.
            using var budget = WorkBudget.Enter(limits with { MaxWorkNodes = (int)allowance }, cancellation);
            var recognised = new StandardFormsPass().Rewrite(e);
            var best = Operations.Of(recognised) < Operations.Of(e) ? recognised : e;
            return SigmoidPolynomials.Of(best);
        }
        catch (CalcException ex) when (ex.Error.Limit != "requestTimeout")
        {
            // Out of its allowance (or an exact number grown too large): the answer as it was is still right.
            return e;
        }
    }

    /// <summary>v when <paramref name="s"/> is exp(v) + 1; null otherwise.</summary>
    internal static Expr? OnePlusExp(Expr s) =>
        s is Sum { Terms: [Call { Function: Function.Exp } exp, Number { Value.IsOne: true }] } ? exp.Argument : null;

    internal static Expr Sigmoid(Expr v) => Algebra.Apply(Function.Sigmoid, v);

    /// <summary>
    /// Whether v is written with a leading minus (-x, -X*w.*y, -a + b), so that sigmoid(-v) is the one a reader calls
    /// sigmoid(v)'s partner; false where the form does not say (then neither side is preferred).
    /// </summary>
    internal static bool? Negative(Expr v) => v switch
    {
        Sum s => Negative(s.Terms[0]),
        _ => Algebra.SplitCoefficient(v).Coefficient.Sign switch
        {
            < 0 => true,
            > 0 => false,
            _ => null,
        },
    };

    /// <summary>A small positive integer exponent as an int; null otherwise (huge exponents are left alone).</summary>
    internal static int? SmallInteger(Expr exponent) =>
        exponent is Number { Value: { IsInteger: true } q } && BigInteger.Abs(q.Numerator) <= 1_000 ? (int)q.Numerator : null;
}
