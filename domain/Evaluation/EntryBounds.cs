using System.Numerics;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Evaluation;

/// <summary>
/// The error bounds of one double: a number read from the input, a power and a function applied to a
/// bounded value. <see cref="BoundedEvaluator"/> applies them to scalars and <see cref="BoundedMatrixEvaluator"/>
/// to each entry, so a fix to a rule (a periodic function's slope, a domain edge) reaches both.
/// </summary>
internal static class EntryBounds
{
    /// <summary>The unit roundoff of double precision, 2^-53.</summary>
    public const double Unit = 1.0 / (1L << 53);

    /// <summary>How many units a library function (Math.*, the catalog's values) is allowed, with a margin.</summary>
    public const double LibraryUnits = 8;

    /// <summary>The relative error of an argument above which a first-order bound is not believed.</summary>
    public const double Linear = 1e-4;

    /// <summary>The relative step of the difference that estimates |f'(u)|: 2^-26.</summary>
    public const double SlopeStep = 1.0 / (1 << 26);

    private static readonly BigInteger ExactInDouble = BigInteger.One << 53;

    /// <summary>A number of the input as a double: exact where the double holds it, else within a unit.</summary>
    public static Bounded Number(Rational q)
    {
        var value = q.ToDouble();
        var exact = q.Denominator.IsPowerOfTwo && BigInteger.Abs(q.Numerator) <= ExactInDouble;
        return new Bounded(value, exact ? 0 : Unit * Math.Abs(value) + double.Epsilon);
    }

    /// <summary>b^q for a number q.</summary>
    public static Bounded PowerByNumber(Power p, Rational q, Bounded b)
    {
        var y = ScalarMath.Power(b.Value, 0, p);
        var error = LibraryUnits * Unit * Math.Abs(y) + double.Epsilon;
        if (!q.IsInteger && !q.Denominator.IsPowerOfTwo)
        {
            // Math.Pow is given q rounded to a double: y^(q(1 + Unit)) = y · (1 + q ln|b| Unit).
            error += Math.Abs(y * Math.Log(Math.Abs(b.Value)) * q.ToDouble()) * Unit;
        }

        return b.Error == 0 ? new Bounded(y, error)
            : !(b.Error <= Linear * Math.Abs(b.Value)) ? Bounded.Unbounded(y)
            : new Bounded(y, error + Math.Abs(q.ToDouble() * y / b.Value) * b.Error);
    }

    /// <summary>b^x for a computed exponent x.</summary>
    public static Bounded Power(Power p, Bounded b, Bounded x)
    {
        var value = ScalarMath.Power(b.Value, x.Value, p);
        var bound = LibraryUnits * Unit * Math.Abs(value) + double.Epsilon;
        if (b.Error > 0)
        {
            if (!(b.Error <= Linear * Math.Abs(b.Value)))
            {
                return Bounded.Unbounded(value);
            }

            bound += Math.Abs(value * x.Value / b.Value) * b.Error;
        }

        if (x.Error > 0)
        {
            // d(b^x)/dx = b^x ln b; a negative base (an integer exponent) does not survive a perturbed exponent.
            var sensitivity = b.Value > 0 ? Math.Abs(Math.Log(b.Value)) * x.Error : double.PositiveInfinity;
            if (!(sensitivity <= Linear))
            {
                return Bounded.Unbounded(value);
            }

            bound += Math.Abs(value) * sensitivity;
        }

        return new Bounded(value, bound);
    }

    /// <summary>f(u) for the function of <paramref name="c"/>.</summary>
    public static Bounded Call(Call c, Bounded u)
    {
        var f = FunctionCatalog.Of(c.Function);
        var value = ScalarMath.Apply(c, u.Value);
        var error = LibraryUnits * Unit * Math.Abs(value) + double.Epsilon;
        if (u.Error == 0)
        {
            return new Bounded(value, error);
        }

        // Where u's uncertainty reaches past a domain edge (asin of sec(7.9e-9) = 1 + 3e-17, which is 1.0 in double),
        // whether the point is inside at all is not known here: no bound, and the precise path decides.
        if (!(u.Error <= Linear * Math.Abs(u.Value)) || f.Outside(u.Value - u.Error) is not null || f.Outside(u.Value + u.Error) is not null)
        {
            return Bounded.Unbounded(value);
        }

        // |f'(u)| from a step to one side of u that stays inside the domain (outside it, the values are NaN), no shorter
        // than u's own uncertainty. A periodic function varies on the scale of 1, not of |u|: its step is at most 2^-26
        // (never under a few units in the last place of u), and an uncertainty beyond 1e-4 leaves no bound at all. A step
        // of |u| 2^-26 at u = 8.1e25 (x^2 at x = -9e12, uncertain by 1e10) spanned 10^18 periods of tan, whose
        // "slope" there was noise, and the bound trusted a value with no correct digit.
        var step = Math.Max(Math.Abs(u.Value) * SlopeStep, u.Error);
        if (f.Id is Function.Sin or Function.Cos or Function.Tan or Function.Sec or Function.Csc or Function.Cot)
        {
            if (!(u.Error <= Linear))
            {
                return Bounded.Unbounded(value);
            }

            var ulp = Math.BitIncrement(Math.Abs(u.Value)) - Math.Abs(u.Value);
            step = Math.Max(Math.Min(Math.Abs(u.Value), 1) * SlopeStep, Math.Max(u.Error, 4 * ulp));
        }

        var beside = f.Value(u.Value + step);
        if (!double.IsFinite(beside))
        {
            beside = f.Value(u.Value - step);
        }

        return new Bounded(value, error + Math.Abs(beside - value) / step * u.Error);
    }
}
