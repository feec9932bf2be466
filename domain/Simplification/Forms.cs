using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// The form an answer is given in: of a few equal forms (the canonical one the smart constructors build; common factors
/// taken out, <see cref="CommonFactors"/>; trigonometric quotients named, <see cref="TrigQuotients"/>, on either; sums of
/// powers of sin and cos in sine, in cosine or with double angles, <see cref="TrigPolynomials"/>; tan polynomials, exp
/// products, reciprocal squares and numbers under roots, <see cref="ShorterIdentities"/>; a polynomial multiplied out,
/// <see cref="Expanded"/>), the one with the fewest operations (<see cref="Operations"/>), the earlier one on a tie and
/// the canonical one first, so that answers change only where they get shorter. Every candidate is an identity of the
/// canonical form, with the same value and the same real domain; each pass answers its input itself after a cheap first
/// look where it has nothing to do.
/// </summary>
public static class Forms
{
    /// <summary>
    /// A derivative in the form the engine answers it (issue 10), from the canonical form differentiating gives: in lowest
    /// terms where that is smaller (<see cref="Cancel"/>, which says what conditions the cancelled factors carried), then
    /// the shortest of its equal forms (<see cref="Simplest"/>), then the standard forms readers use
    /// (<see cref="StandardForms"/>: sigmoid, softplus, polynomials in the sigmoid). Cancelling comes first because it
    /// needs the expanded form: 1/(1 - x^2) from the atanh written with logs, not 1/((x + 1)*(1 - x)).
    /// </summary>
    public static (Expr Answer, Cancelled Cancelled) Answer(Expr canonical, CancellationToken cancellation = default)
    {
        var cancelled = Cancel.Of(canonical);
        return (StandardForms.Recognise(Simplest(cancelled.Result), cancellation), cancelled);
    }

    public static Expr Simplest(Expr e)
    {
        if (e.Size > CommonFactors.MaxNodes)
        {
            return e;
        }

        // Each pass answers its input itself (the same reference) where it has nothing to do, which is most answers:
        // then nothing is counted or compared.
        var factored = CommonFactors.Of(e);
        var named = TrigQuotients.Of(e);
        var both = ReferenceEquals(factored, e) ? named : TrigQuotients.Of(factored);
        var trig = TrigPolynomials.Of(factored);
        var shorter = ShorterIdentities.Of(e);
        var bothShorter = ReferenceEquals(both, e) ? shorter : ShorterIdentities.Of(both);
        var expanded = Expanded.Of(e);
        var collected = PowerCollection.Of(factored);
        var best = e;
        var least = -1L;
        foreach (var candidate in (Expr[])[named, factored, both, trig, shorter, bothShorter, expanded, collected])
        {
            if (ReferenceEquals(candidate, e) || ReferenceEquals(candidate, best))
            {
                continue;
            }

            least = least < 0 ? Operations.Of(e) : least;
            if (Operations.Of(candidate) is var operations && operations < least)
            {
                (best, least) = (candidate, operations);
            }
        }

        return best;
    }
}
