using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// Identities a teacher uses to shorten an answer, each made only where it makes the node it rewrites shorter
/// (<see cref="Operations"/>), bottom up: a sum of sin(u)^a/cos(u)^b as a polynomial in tan(u) (<see cref="TanPolynomials"/>),
/// exp(a)*exp(b) as exp(a + b) (<see cref="ExpProducts"/>), 1 - tanh(u)^2 as 1/cosh(u)^2 (<see cref="ReciprocalSquares"/>),
/// 2*sqrt(u) as sqrt(4*u) (<see cref="RootConstants"/>), exp(u) + exp(-u) as 2*cosh(u) and exp(u) - exp(-u) as
/// 2*sinh(u) (<see cref="HyperbolicSums"/>, their quotient then named tanh). Each holds with the same value on the same real domain as what it
/// replaces. Whether the whole answer is shorter is the caller's choice (<see cref="Forms"/>), since a node's count is
/// not all its parent sees: 1 - tanh(u)^2 and 1/cosh(u)^2 cost the same alone, but only the second goes under a product's
/// one division.
/// </summary>
public static class ShorterIdentities
{
    /// <summary><paramref name="e"/> with each identity above made where it shortens (itself where none applies, or it is too large).</summary>
    public static Expr Of(Expr e)
    {
        // Most answers have no node any identity applies to: this look, allocating nothing on a small tree, lets them through.
        if (e.Size > CommonFactors.MaxNodes || !e.IsScalar || !Walk.Any(e, static n => Applies(n)))
        {
            return e;
        }

        return BottomUp.Rewrite(e, static (node, children) => Shorter(children is null ? node : Named(BottomUp.Rebuilt(node, children))));
    }

    /// <summary>A rebuilt product (its factors changed: sinh and cosh from their exp sums) with its quotients named again: tanh(x).</summary>
    private static Expr Named(Expr rebuilt) => rebuilt is Product ? TrigQuotients.Of(rebuilt) : rebuilt;

    /// <summary>Whether some identity may apply to <paramref name="node"/>: the first look, asked of every node, so by kind first.</summary>
    private static bool Applies(Expr node) => node switch
    {
        Sum => TanPolynomials.Applies(node) || HyperbolicSums.Applies(node),
        Product => ExpProducts.Applies(node) || ReciprocalSquares.Applies(node) || RootConstants.Applies(node),
        _ => false,
    };

    /// <summary>The node with each identity that applies to it made, in turn, where that takes fewer operations.</summary>
    private static Expr Shorter(Expr node)
    {
        if (!node.IsScalar)
        {
            return node;
        }

        var operations = -1L;
        Accept(TanPolynomials.Applies(node) ? TanPolynomials.Rewrite(node) : null);
        Accept(HyperbolicSums.Applies(node) ? HyperbolicSums.Rewrite(node) : null);
        Accept(ExpProducts.Applies(node) ? ExpProducts.Rewrite(node) : null);
        Accept(ReciprocalSquares.Applies(node) ? ReciprocalSquares.Rewrite(node) : null);
        Accept(RootConstants.Applies(node) ? RootConstants.Rewrite(node) : null);
        return node;

        void Accept(Expr? rewritten)
        {
            if (rewritten is null)
            {
                return;
            }

            operations = operations < 0 ? Operations.Of(node) : operations;
            if (Operations.Of(rewritten) is var fewer && fewer < operations)
            {
                (node, operations) = (rewritten, fewer);
            }
        }
    }
}
