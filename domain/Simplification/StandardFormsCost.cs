using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// The size measure <see cref="StandardForms"/> compares by: the operations a reader counts in the printed answer
/// (each +, -, *, /, ^, transpose, function and unary minus once), not characters, so that a long name like sigmoid
/// costs what exp costs. A subtraction and a division are one operation each, as written (a - b, a/b), not an addition
/// of a negated term or a product with a reciprocal. Shared sub-trees count every time they are printed.
/// </summary>
internal static class StandardFormsCost
{
    public static long Operations(Expr e) => Operations(e, new Dictionary<Expr, long>(ReferenceEqualityComparer.Instance));

    /// <summary>The function calls (scalar and matrix functions) in the printed answer.</summary>
    public static long Calls(Expr e) => Calls(e, new Dictionary<Expr, long>(ReferenceEqualityComparer.Instance));

    private static long Operations(Expr e, Dictionary<Expr, long> memo)
    {
        if (memo.TryGetValue(e, out var known))
        {
            return known;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        long Of(Expr child) => Operations(child, memo);
        var result = e switch
        {
            Number n => n.Value.IsInteger ? 0 : 1,
            Sum s => Add(s.Terms.Length - 1, Total(s.Terms.Select(Signless))),
            Product p => ProductOperations(p, memo),
            Power { Exponent: Number { Value: var q } } p when q.IsMinusOne || q == Rational.Half => Add(1, Of(p.Base)),
            Power p => Add(1, Add(Of(p.Base), Of(p.Exponent))),
            MatMul m => Add(m.Factors.Length - 1, Total(m.Factors.Select(Of))),
            _ => Add(e.Children.Any() ? 1 : 0, Total(e.Children.Select(Of))),
        };
        memo[e] = result;
        return result;

        // A negated term is a subtraction, counted once by the sum.
        long Signless(Expr term) => term is Product { Factors: [Number { Value.IsNegative: true }, ..] } ? Of(term) - 1 : Of(term);
    }

    /// <summary>One operation between factors, a reciprocal's division included; a minus sign once; 1/x is one.</summary>
    private static long ProductOperations(Product p, Dictionary<Expr, long> memo)
    {
        var coefficient = p.Factors[0] is Number c ? c.Value : Rational.One;
        var factors = p.Factors.Where(f => f is not Number).ToList();
        var numerator = factors.Count(f => f is not Power { Exponent: Number { Value.IsNegative: true } });
        long count = factors.Count - 1 + (numerator == 0 ? 1 : 0);
        if (coefficient.IsNegative)
        {
            count++;
        }

        if (!coefficient.Abs().IsOne)
        {
            count += coefficient.IsInteger ? 1 : 2;
        }

        foreach (var f in factors)
        {
            count = Add(count, f is Power { Exponent: Number { Value.IsMinusOne: true } } reciprocal
                ? Operations(reciprocal.Base, memo)
                : f is Power { Exponent: Number { Value.IsNegative: true } } power
                    ? Add(Operations(power.Base, memo), 1)
                    : Operations(f, memo));
        }

        return count;
    }

    private static long Calls(Expr e, Dictionary<Expr, long> memo)
    {
        if (memo.TryGetValue(e, out var known))
        {
            return known;
        }

        var result = Add(e is Call or MatrixCall ? 1 : 0, Total(e.Children.Select(c => Calls(c, memo))));
        memo[e] = result;
        return result;
    }

    private static long Total(IEnumerable<long> counts) => counts.Aggregate(0L, Add);

    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
