using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// A sum whose terms carry powers of one base with symbolic exponents that are whole multiples of one exponent u plus a
/// number (x^(3*x), x^(2*x + 1), x^x, x^(x + 2) in the high derivatives of x^(x^x)), collected by the power of b^u, each
/// coefficient in lowest terms and in its own shortest form, as SymPy collects them: the coefficient of x^0 then clears
/// its (x - 1)/x terms together. b^(k*u + c) = (b^u)^k*b^c wherever b^(k*u + c) is defined (a symbolic exponent needs
/// b &gt; 0; a negative number for b is left alone), a coefficient is put in lowest terms only where that loses no
/// condition, and none may vanish (b's condition would go with its power), so the value and the real domain are those of
/// the input. Taken only where shorter (<see cref="Forms.Simplest"/>).
/// </summary>
public static class PowerCollection
{
    public static Expr Of(Expr e)
    {
        switch (e)
        {
            case Sum s:
                return Collected(s) ?? e;
            case Product p when p.IsScalar:
                Expr[]? factors = null;
                for (var i = 0; i < p.Factors.Length; i++)
                {
                    if (p.Factors[i] is Sum s && Collected(s) is { } collected)
                    {
                        factors ??= [.. p.Factors];
                        factors[i] = collected;
                    }
                }

                return factors is null ? e : Algebra.Mul(factors);
            default:
                return e;
        }
    }

    private static Expr? Collected(Sum s)
    {
        if (!s.IsScalar || s.Terms.Length < 3 || s.Size > CommonFactors.MaxNodes || !HoldsSymbolicPower(s))
        {
            return null;
        }

        Expr? b = null;
        Expr? u = null;
        var groups = new SortedDictionary<long, List<Expr>>();
        foreach (var t in s.Terms)
        {
            var factors = t is Product p ? p.Factors.ToArray() : [t];
            var at = Array.FindIndex(factors, f => SymbolicPower(f) is not null);
            long k = 0;
            if (at >= 0)
            {
                var power = (Power)factors[at];
                if (power.Base is Number { Value.Sign: <= 0 } || factors.Skip(at + 1).Any(f => SymbolicPower(f) is not null) || (b is not null && !power.Base.Equals(b)))
                {
                    return null;
                }

                b ??= power.Base;
                var (multiple, unit, constant) = Split(power.Exponent);
                if (multiple is not { } whole || (u is not null && !unit.Equals(u)))
                {
                    return null;
                }

                u ??= unit;
                k = whole;
                factors[at] = Algebra.Pow(b, constant);
            }

            if (!groups.TryGetValue(k, out var parts))
            {
                groups[k] = parts = [];
            }

            parts.Add(Algebra.Mul(factors));
        }

        if (b is null || u is null || groups.Count < 2 || groups.Values.All(g => g.Count < 2))
        {
            return null;
        }

        var terms = new List<Expr>();
        foreach (var (k, parts) in groups)
        {
            var coefficient = Algebra.Add([.. parts]);
            var cancelled = Cancel.Of(coefficient);
            var simplest = Forms.Simplest(cancelled.Kept.Count == 0 ? cancelled.Result : coefficient);
            if (simplest is Number { Value.IsZero: true })
            {
                // A power of b^u that vanishes would take b's condition with it where no other power keeps it.
                return null;
            }

            terms.Add(Algebra.Mul(simplest, Algebra.Pow(b, Algebra.Mul(Algebra.Num(new Rational(k, 1)), u))));
        }

        return Algebra.Add([.. terms]);
    }

    /// <summary>Whether a term of the sum is, or has a factor that is, a power with a symbolic exponent: a first look that allocates nothing.</summary>
    private static bool HoldsSymbolicPower(Sum s)
    {
        foreach (var t in s.Terms)
        {
            if (SymbolicPower(t) is not null)
            {
                return true;
            }

            if (t is Product p)
            {
                foreach (var f in p.Factors)
                {
                    if (SymbolicPower(f) is not null)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>The factor of a term that is a power with a symbolic exponent, or null.</summary>
    private static Power? SymbolicPower(Expr f) => f is Power { Exponent: not Number } p && p.IsScalar ? p : null;

    /// <summary>An exponent as k*u + c: a whole k, the unit u (its symbolic part with coefficient 1), the number c; k null where it is not so.</summary>
    private static (long? Multiple, Expr Unit, Expr Constant) Split(Expr exponent)
    {
        var constant = exponent is Sum sum && sum.Terms.FirstOrDefault(t => t is Number) is { } c ? c : Algebra.Zero;
        var rest = Algebra.Sub(exponent, constant);
        if (rest is Sum)
        {
            // A sum of symbolic parts (x + x^x): itself the unit, once.
            return (1, rest, constant);
        }

        var (coefficient, unit) = Algebra.SplitCoefficient(rest);
        return coefficient.IsInteger && coefficient.Sign > 0 && System.Numerics.BigInteger.Abs(coefficient.Numerator) < 64
            ? ((long)coefficient.Numerator, unit, constant)
            : (null, unit, constant);
    }
}
