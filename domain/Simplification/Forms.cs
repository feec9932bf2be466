using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// The form an answer is given in: of a few equal forms (the canonical one the smart constructors build, and the one
/// with common factors taken out), the one with the fewest operations (<see cref="Operations"/>), the canonical one on a
/// tie, so that answers change only where they get shorter. Every candidate is an identity of the canonical form, with
/// the same value and the same real domain.
/// </summary>
public static class Forms
{
    public static Expr Simplest(Expr e)
    {
        if (e.Size > CommonFactors.MaxNodes || e is not (Sum or Product))
        {
            return e;
        }

        var factored = CommonFactors.Of(e);
        return ReferenceEquals(factored, e) || Operations.Of(factored) >= Operations.Of(e) ? e : factored;
    }
}
