using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// The form an answer is given in: of a few equal forms (the canonical one the smart constructors build, the one with
/// common factors taken out, each with its trigonometric quotients named), the one with the fewest operations
/// (<see cref="Operations"/>), the canonical one on a tie, so that answers change only where they get shorter. Every
/// candidate is an identity of the canonical form, with the same value and the same real domain.
/// </summary>
public static class Forms
{
    public static Expr Simplest(Expr e)
    {
        if (e.Size > CommonFactors.MaxNodes)
        {
            return e;
        }

        var best = e;
        var least = Operations.Of(e);
        var factored = e is Sum or Product ? CommonFactors.Of(e) : e;
        foreach (var candidate in (Expr[])[TrigQuotients.Of(e), factored, TrigQuotients.Of(factored)])
        {
            if (!ReferenceEquals(candidate, e) && Operations.Of(candidate) is var operations && operations < least)
            {
                (best, least) = (candidate, operations);
            }
        }

        return best;
    }
}
