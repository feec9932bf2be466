using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// The one rule of <see cref="StandardForms"/> that changes the shape of an answer: a sum or product with sigmoid in it,
/// multiplied out (and with sigmoid(-v) written 1 - sigmoid(v) where sigmoid(v) stands beside it), when that cancels.
/// The cross-entropy gradient (1 - s).*((1 - y)./(1 - s) - y./s).*s, s = sigmoid(X*w), multiplies out to s - y, and
/// -y.*sigmoid(-v) + (1 - y).*sigmoid(v) to sigmoid(v) - y. Taken only where it has fewer function calls and fewer
/// operations than before (so sigmoid(v)*(1 - sigmoid(v)) is never expanded into sigmoid(v) - sigmoid(v)^2) and every
/// condition of the real domain is kept, or holds everywhere by its form (1 - sigmoid(v) != 0): a quotient cancels
/// only where its denominator can never vanish.
/// </summary>
internal sealed class StandardFormsExpansion
{
    /// <summary>Sub-expressions larger than this (as trees) are not multiplied out: the gain is in small element-wise factors.</summary>
    private const long MaxSize = 500;

    /// <summary>The most terms a product may multiply out to.</summary>
    private const int MaxTerms = 64;

    /// <summary>
    /// The most nodes (as trees) all candidates of one pass may come to: well inside the pass's own allowance, so that
    /// multiplying out in a large answer stops early rather than costing the cheap rewrites their allowance.
    /// </summary>
    private const long MaxSpent = 20_000;

    private readonly Dictionary<Expr, bool> _hasSigmoid = new(SameNode.Instance);

    private long _spent;

    /// <summary>The node multiplied out where that cancels; null where it does not.</summary>
    public Expr? Cancelled(Expr node)
    {
        if (node is not (Sum or Product) || node.Size > MaxSize || _spent > MaxSpent || !HasSigmoid(node))
        {
            return null;
        }

        var calls = Operations.Calls(node);
        var operations = Operations.Of(node);
        Expr? best = null;
        foreach (var candidate in Candidates(node))
        {
            _spent = Math.Min(long.MaxValue / 2, _spent + (candidate?.Size ?? 0));
            if (candidate is null || candidate.Equals(node))
            {
                continue;
            }

            var candidateOperations = Operations.Of(candidate);
            if (Operations.Calls(candidate) < calls && candidateOperations < operations
                && (best is null || candidateOperations < Operations.Of(best))
                && StandardFormsDomain.Keeps(node, candidate))
            {
                best = candidate;
            }
        }

        return best;
    }

    private IEnumerable<Expr?> Candidates(Expr node)
    {
        yield return Expand(node);
        if (node is not Sum sum)
        {
            yield break;
        }

        // sigmoid(-v) = 1 - sigmoid(v) (and the other way round) where both stand in the terms of one sum.
        var arguments = sum.Terms.SelectMany(TopFactors).Select(StandardFormsPass.SigmoidArgument).OfType<Expr>().Distinct().ToList();
        foreach (var v in arguments)
        {
            var partner = Algebra.Neg(v);
            if (arguments.Contains(partner))
            {
                yield return Expand(Algebra.Add([.. sum.Terms.Select(t => Complemented(t, partner, v))]));
            }
        }
    }

    private static IEnumerable<Expr> TopFactors(Expr term) => term is Product p ? p.Factors : [term];

    /// <summary>The term with sigmoid(<paramref name="from"/>) written 1 - sigmoid(<paramref name="to"/>), from = -to.</summary>
    private static Expr Complemented(Expr term, Expr from, Expr to)
    {
        var complement = 1 - StandardForms.Sigmoid(to);
        Expr Swap(Expr f) => StandardFormsPass.SigmoidArgument(f) is { } v && v.Equals(from)
            ? (f is Power power ? Algebra.Pow(complement, power.Exponent) : complement)
            : f;
        return term is Product p ? Algebra.Mul([.. p.Factors.Select(Swap)]) : Swap(term);
    }

    /// <summary>
    /// Sums and products multiplied out, one sum factor at a time, each product rebuilt through the smart constructor so
    /// that x*x^-1 cancels; null past <see cref="MaxTerms"/> terms. Function arguments and powers are left as they are.
    /// </summary>
    private static Expr? Expand(Expr e, int depth = 0)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (depth > 16)
        {
            return null;
        }

        switch (e)
        {
            case Sum s:
                return Collect(s.Terms.Select(t => Expand(t, depth + 1)));
            case Product product:
                if (StandardFormsPass.Tidy(product) is not Product p)
                {
                    return Expand(StandardFormsPass.Tidy(product), depth + 1);
                }

                var index = SumToDistribute(p.Factors);
                if (index < 0)
                {
                    return e;
                }

                var rest = p.Factors.RemoveAt(index);
                var sum = (Sum)p.Factors[index];
                if (sum.Terms.Length > MaxTerms)
                {
                    return null;
                }

                return Collect(sum.Terms.Select(t => Expand(Algebra.Mul([.. rest, t]), depth + 1)));
            default:
                return e;
        }
    }

    /// <summary>
    /// The sum factor to multiply out first: the one with the most quotients in its terms, so that they meet the
    /// factors they cancel with ((1 - s)*((1 - y)/(1 - s) - y/s)*s, not 1 - s first); -1 where there is no sum.
    /// </summary>
    private static int SumToDistribute(System.Collections.Immutable.ImmutableArray<Expr> factors)
    {
        var (best, bestQuotients) = (-1, -1);
        for (var i = 0; i < factors.Length; i++)
        {
            if (factors[i] is Sum s)
            {
                var quotients = s.Terms.SelectMany(TopFactors).Count(f => f is Power { Exponent: Number { Value.IsNegative: true } });
                if (quotients > bestQuotients)
                {
                    (best, bestQuotients) = (i, quotients);
                }
            }
        }

        return best;
    }

    private static Expr? Collect(IEnumerable<Expr?> parts)
    {
        var terms = new List<Expr>();
        foreach (var part in parts)
        {
            if (part is null)
            {
                return null;
            }

            terms.AddRange(part is Sum s ? s.Terms : [part]);
            if (terms.Count > MaxTerms)
            {
                return null;
            }
        }

        return Algebra.Add([.. terms]);
    }

    private bool HasSigmoid(Expr e)
    {
        if (_hasSigmoid.TryGetValue(e, out var known))
        {
            return known;
        }

        var result = e is Call { Function: Function.Sigmoid } || e.Children.Any(HasSigmoid);
        _hasSigmoid[e] = result;
        return result;
    }
}
