using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification.Polynomials;

/// <summary>
/// The bounds of polynomial arithmetic. Expanding and taking gcds can grow far past the expression they started from
/// ((x + y + z)^30 has 496 terms; a gcd's remainders can double their coefficients' digits at each step), so every
/// operation counts its coefficient operations against a step budget and checks the size of what it builds. Past a
/// bound the work is abandoned with <see cref="PolynomialRefused"/>, which the public entry points turn into "not done"
/// (null, or the expression unchanged): simplifying is optional, so running out of room for it is never an error, and
/// it never spends the request's node budget (maxWorkNodes), only polls its time budget.
/// </summary>
public sealed class PolynomialWork : IDisposable
{
    /// <summary>Terms in any one polynomial built.</summary>
    public const int MaxTerms = 1_000;

    /// <summary>Degree in any one atom, and the largest integer power expanded.</summary>
    public const int MaxDegree = 64;

    /// <summary>Bits of any coefficient's numerator or denominator (well under maxIntegerBits, which would refuse the request).</summary>
    public const int MaxCoefficientBits = 1_024;

    /// <summary>Coefficient operations one entry point may spend (about a few milliseconds).</summary>
    public const long DefaultMaxSteps = 200_000;

    [ThreadStatic]
    private static PolynomialWork? _current;

    private readonly PolynomialWork? _outer;
    private readonly long _maxSteps;
    private long _steps;

    private PolynomialWork(long maxSteps)
    {
        _outer = _current;
        _maxSteps = maxSteps;
        _current = this;
    }

    /// <summary>
    /// A budget of <paramref name="maxSteps"/> for the work until disposed; inside another scope the outer one goes on
    /// counting (a gcd called by cancel spends cancel's budget), so the scope returned then does nothing.
    /// </summary>
    public static IDisposable Enter(long maxSteps = DefaultMaxSteps) => _current is null ? new PolynomialWork(maxSteps) : NoScope.Instance;

    /// <summary>Counts <paramref name="steps"/> coefficient operations; past the budget the work is refused.</summary>
    internal static void Charge(long steps)
    {
        WorkBudget.Tick();
        var work = _current;
        if (work is null)
        {
            return;
        }

        work._steps += steps;
        if (work._steps > work._maxSteps)
        {
            throw new PolynomialRefused($"more than {work._maxSteps:N0} coefficient operations");
        }
    }

    internal static void CheckTerms(int count)
    {
        if (count > MaxTerms)
        {
            throw new PolynomialRefused($"a polynomial of more than {MaxTerms:N0} terms");
        }
    }

    internal static void CheckDegree(long degree)
    {
        if (degree > MaxDegree)
        {
            throw new PolynomialRefused($"a degree above {MaxDegree}");
        }
    }

    internal static void CheckCoefficient(Rational c)
    {
        if (c.Bits > Math.Min(MaxCoefficientBits, WorkBudget.CurrentLimits.MaxIntegerBits / 2))
        {
            throw new PolynomialRefused($"a coefficient of more than {MaxCoefficientBits:N0} bits");
        }
    }

    public void Dispose() => _current = _outer;

    private sealed class NoScope : IDisposable
    {
        public static NoScope Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}

/// <summary>Polynomial work abandoned at one of its bounds (<see cref="PolynomialWork"/>); never leaves the entry points.</summary>
public sealed class PolynomialRefused : Exception
{
    public PolynomialRefused()
    {
    }

    public PolynomialRefused(string reason) : base($"Polynomial arithmetic stopped: it would need {reason}.")
    {
    }

    public PolynomialRefused(string message, Exception inner) : base(message, inner)
    {
    }
}
