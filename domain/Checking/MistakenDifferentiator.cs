using System.Collections.Immutable;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Checking;

/// <summary>A rule of scalar differentiation as a student gets it wrong: each is the wrong rule itself, not a guess from text.</summary>
internal enum ScalarSlip
{
    /// <summary>d f(u) = f'(u): the chain rule without the inner derivative (also for u^n and a^u).</summary>
    MissingInnerDerivative,
    /// <summary>d f(u) = f'(u'): the inside's derivative put inside the outer derivative.</summary>
    ChainRuleArgument,
    /// <summary>d f(u) = f'(u')·u': the inside's derivative put inside the outer derivative, and multiplied too.</summary>
    ChainRuleArgumentTimesInner,
    /// <summary>d(f·g) = f'·g'.</summary>
    ProductOfDerivatives,
    /// <summary>d(f/g) = f'/g'.</summary>
    QuotientOfDerivatives,
    /// <summary>d(f/g) = (f·g' − f'·g)/g².</summary>
    QuotientRuleSign,
    /// <summary>d(f/g) = (f'·g − f·g')/g: the denominator not squared.</summary>
    QuotientRuleDenominator,
    /// <summary>d u^n = n·u^n·u': the exponent not lowered.</summary>
    PowerRuleExponent,
    /// <summary>d u^n = n·u^(n+1)·u': the exponent raised instead of lowered.</summary>
    PowerRuleExponentRaised,
    /// <summary>d u^n = u^(n−1)·u': the old exponent not brought down.</summary>
    PowerRuleCoefficient,
    /// <summary>d a^u = u·a^(u−1)·u' and d e^u = u·e^(u−1)·u': an exponential differentiated as a power.</summary>
    ExponentialAsPower,
    /// <summary>d a^u = a^u·u': the factor ln(a) forgotten.</summary>
    ExponentialMissingLog,
    /// <summary>d u^v = v·u^(v−1)·u' with v depending on the variable too: the power rule alone.</summary>
    VariableExponentAsPower,
    /// <summary>d u^v = ln(u)·u^v·v' with u depending on the variable too: the exponential rule alone.</summary>
    VariableExponentAsExponential,
    /// <summary>d sin = −cos, d cos = sin, ...: the sign of a trigonometric derivative flipped.</summary>
    TrigSign,
    /// <summary>d cosh = −sinh, d sinh = −cosh: a minus sign carried over from cos.</summary>
    HyperbolicSign,
}

/// <summary>
/// d/dx with one rule replaced by its wrong version (<see cref="ScalarSlip"/>), at one site (a sub-expression)
/// or everywhere the rule applies. Everywhere else it is the engine's own differentiation
/// (<see cref="Differentiation.Differentiator"/>, with this slip as a rule tried first), so that a slip that changes nothing gives the true
/// derivative exactly (canonical forms are equal) and a result that differs differs because of the slip.
/// </summary>
internal sealed class MistakenDifferentiator
{
    private static readonly ImmutableHashSet<Function> Trigonometric =
    [
        Function.Sin, Function.Cos, Function.Tan, Function.Sec, Function.Csc, Function.Cot,
        Function.Asin, Function.Acos, Function.Atan,
    ];

    private readonly string _variable;
    private readonly ScalarSlip _slip;
    private readonly Expr? _site;

    /// <summary>The engine's differentiation this slip is made within (its inner derivatives, memoised there).</summary>
    private Func<Expr, Expr> _d = null!;

    private MistakenDifferentiator(string variable, ScalarSlip slip, Expr? site)
    {
        _variable = variable;
        _slip = slip;
        _site = site;
    }

    /// <summary>d/d<paramref name="variable"/> of <paramref name="f"/> with the slip made at <paramref name="site"/>, or wherever it applies when null.</summary>
    public static Expr Differentiate(Expr f, string variable, ScalarSlip slip, Expr? site) =>
        Differentiation.Differentiator.Differentiate(f, variable, new MistakenDifferentiator(variable, slip, site).Rule);

    /// <summary>The wrong rule where the slip is made at <paramref name="e"/>; null for the engine's own rule.</summary>
    private Expr? Rule(Expr e, Func<Expr, Expr> d)
    {
        _d = d;
        var mistaken = _site is null ? AppliesTo(_slip, e, _variable) : e.Equals(_site);
        return mistaken ? Wrong(e) : null;
    }

    private Expr D(Expr e) => _d(e);

    /// <summary>The distinct sub-expressions of <paramref name="f"/> where the slip can be made, outermost first.</summary>
    public static IReadOnlyList<Expr> Sites(Expr f, string variable, ScalarSlip slip)
    {
        // A reciprocal inside a quotient (the (x + 1)^-1 of x/(x + 1)) is read as part of that quotient, not as one of its own.
        var ofQuotients = slip is ScalarSlip.QuotientRuleSign or ScalarSlip.QuotientRuleDenominator
            ? ProductFactors(f, variable)
            : [];
        var sites = new List<Expr>();
        foreach (var e in DependentNodes.Of(f, variable))
        {
            if (AppliesTo(slip, e, variable) && !ofQuotients.Contains(e))
            {
                sites.Add(e);
            }
        }

        return sites;
    }

    private static HashSet<Expr> ProductFactors(Expr f, string variable) =>
        [.. DependentNodes.Of(f, variable).OfType<Product>().SelectMany(p => p.Factors)];

    /// <summary>Whether <paramref name="e"/> (which depends on the variable) is a place where the slip can be made.</summary>
    public static bool AppliesTo(ScalarSlip slip, Expr e, string variable)
    {
        bool Depends(Expr x) => x.DependsOn(variable);
        bool IsVariable(Expr x) => x is Symbol s && s.Name == variable;
        return slip switch
        {
            ScalarSlip.MissingInnerDerivative => e switch
            {
                Call c => c.IsScalar && !IsVariable(c.Argument),
                Power p when Depends(p.Base) && !Depends(p.Exponent) => !IsVariable(p.Base),
                Power p when !Depends(p.Base) => !IsVariable(p.Exponent),
                _ => false,
            },
            ScalarSlip.ChainRuleArgument or ScalarSlip.ChainRuleArgumentTimesInner => e is Call { IsScalar: true } c && !IsVariable(c.Argument),
            ScalarSlip.ProductOfDerivatives => e is Product p && Quotient.Of(p, variable).Numerator.Count >= 2,
            ScalarSlip.QuotientOfDerivatives => e is Product p && Quotient.Of(p, variable) is { Numerator.Count: > 0, Denominator.Count: > 0 },
            ScalarSlip.QuotientRuleSign or ScalarSlip.QuotientRuleDenominator => e switch
            {
                Product p => Quotient.Of(p, variable).Denominator.Count > 0,
                Power p => Quotient.IsReciprocal(p, variable),
                _ => false,
            },
            ScalarSlip.PowerRuleExponent or ScalarSlip.PowerRuleExponentRaised or ScalarSlip.PowerRuleCoefficient => e is Power p && p.IsScalar && Depends(p.Base) && !Depends(p.Exponent),
            ScalarSlip.ExponentialAsPower => e is Power { IsScalar: true } p && !Depends(p.Base) || e is Call { Function: Function.Exp, IsScalar: true },
            ScalarSlip.ExponentialMissingLog => e is Power { IsScalar: true } p && !Depends(p.Base) && p.Base is not Constant { Kind: ConstantKind.E },
            ScalarSlip.VariableExponentAsPower or ScalarSlip.VariableExponentAsExponential => e is Power p && Depends(p.Base) && Depends(p.Exponent),
            ScalarSlip.TrigSign => e is Call { IsScalar: true } c && Trigonometric.Contains(c.Function),
            ScalarSlip.HyperbolicSign => e is Call { IsScalar: true, Function: Function.Sinh or Function.Cosh },
            _ => false,
        };
    }

    private static Expr Outer(Function f, Expr u, Expr call) => FunctionCatalog.Of(f).Derivative(u, call);

    /// <summary>The slip's wrong rule at <paramref name="e"/>; null where it has no wrong version there (the right rule is used).</summary>
    private Expr? Wrong(Expr e)
    {
        switch (_slip, e)
        {
            case (ScalarSlip.MissingInnerDerivative, Call c):
                return Outer(c.Function, c.Argument, c);
            case (ScalarSlip.MissingInnerDerivative, Power p) when !p.Exponent.DependsOn(_variable):
                return Algebra.Mul(p.Exponent, Algebra.Pow(p.Base, Algebra.Add(p.Exponent, Algebra.MinusOne)));
            case (ScalarSlip.MissingInnerDerivative, Power p) when !p.Base.DependsOn(_variable):
                return Algebra.Mul(Algebra.Apply(Function.Log, p.Base), p);
            case (ScalarSlip.ChainRuleArgument or ScalarSlip.ChainRuleArgumentTimesInner, Call c):
                var inner = D(c.Argument);
                var outer = Outer(c.Function, inner, Algebra.Apply(c.Function, inner));
                return _slip == ScalarSlip.ChainRuleArgument ? outer : Algebra.Mul(outer, inner);
            case (ScalarSlip.ProductOfDerivatives, Product p):
            {
                var q = Quotient.Of(p, _variable);
                var numerator = Algebra.Mul([.. q.Numerator.Select(D)]);
                return q.Denominator.Count == 0
                    ? Algebra.Mul([.. q.Constants, numerator])
                    : Algebra.Mul([.. q.Constants, QuotientRule(numerator, q.Top, q.Bottom, swapped: false, squared: true)]);
            }

            case (ScalarSlip.QuotientOfDerivatives, Product p):
            {
                var q = Quotient.Of(p, _variable);
                return Algebra.Mul([.. q.Constants, Algebra.Div(D(q.Top), D(q.Bottom))]);
            }

            case (ScalarSlip.QuotientRuleSign or ScalarSlip.QuotientRuleDenominator, _):
            {
                var q = e is Product p ? Quotient.Of(p, _variable) : Quotient.OfReciprocal((Power)e);
                var swapped = _slip == ScalarSlip.QuotientRuleSign;
                return Algebra.Mul([.. q.Constants, QuotientRule(D(q.Top), q.Top, q.Bottom, swapped, squared: swapped)]);
            }

            case (ScalarSlip.PowerRuleExponent, Power p):
                return Algebra.Mul(p.Exponent, p, D(p.Base));
            case (ScalarSlip.PowerRuleExponentRaised, Power p):
                return Algebra.Mul(p.Exponent, Algebra.Pow(p.Base, Algebra.Add(p.Exponent, Algebra.One)), D(p.Base));
            case (ScalarSlip.PowerRuleCoefficient, Power p):
                return Algebra.Mul(Algebra.Pow(p.Base, Algebra.Add(p.Exponent, Algebra.MinusOne)), D(p.Base));
            case (ScalarSlip.ExponentialAsPower, Power p):
                return Algebra.Mul(p.Exponent, Algebra.Pow(p.Base, Algebra.Add(p.Exponent, Algebra.MinusOne)), D(p.Exponent));
            case (ScalarSlip.ExponentialAsPower, Call c):
                return Algebra.Mul(c.Argument, Algebra.Apply(Function.Exp, Algebra.Add(c.Argument, Algebra.MinusOne)), D(c.Argument));
            case (ScalarSlip.ExponentialMissingLog, Power p):
                return Algebra.Mul(p, D(p.Exponent));
            case (ScalarSlip.VariableExponentAsPower, Power p):
                return Algebra.Mul(p.Exponent, Algebra.Pow(p.Base, Algebra.Add(p.Exponent, Algebra.MinusOne)), D(p.Base));
            case (ScalarSlip.VariableExponentAsExponential, Power p):
                return Algebra.Mul(Algebra.Apply(Function.Log, p.Base), p, D(p.Exponent));
            case (ScalarSlip.TrigSign or ScalarSlip.HyperbolicSign, Call c):
                return Algebra.Neg(Algebra.Mul(Outer(c.Function, c.Argument, c), D(c.Argument)));
            default:
                return null;
        }
    }

    /// <summary>(top'·bottom − top·bottom')/bottom², or with the subtraction the other way round, or over bottom alone.</summary>
    private Expr QuotientRule(Expr topDerivative, Expr top, Expr bottom, bool swapped, bool squared)
    {
        var a = Algebra.Mul(topDerivative, bottom);
        var b = Algebra.Mul(top, D(bottom));
        var difference = swapped ? Algebra.Sub(b, a) : Algebra.Sub(a, b);
        return Algebra.Div(difference, squared ? Algebra.Pow(bottom, Algebra.Two) : bottom);
    }
}

/// <summary>
/// A canonical product read the way a student reads it: constant factors, the factors of the numerator that
/// depend on the variable, and those of the denominator (powers with a negative exponent: x/(x + 1) is
/// x*(x + 1)^-1, whose denominator is x + 1).
/// </summary>
internal sealed record Quotient(IReadOnlyList<Expr> Constants, IReadOnlyList<Expr> Numerator, IReadOnlyList<Expr> Denominator)
{
    /// <summary>The numerator's variable part (1 if none).</summary>
    public Expr Top => Algebra.Mul([.. Numerator]);

    /// <summary>The denominator, with its exponents made positive (1 if none).</summary>
    public Expr Bottom => Algebra.Mul([.. Denominator]);

    public static Quotient Of(Product p, string variable)
    {
        var constants = new List<Expr>();
        var numerator = new List<Expr>();
        var denominator = new List<Expr>();
        foreach (var factor in p.Factors)
        {
            if (!factor.DependsOn(variable))
            {
                constants.Add(factor);
            }
            else if (factor is Power power && IsReciprocal(power, variable))
            {
                denominator.Add(Algebra.Pow(power.Base, Algebra.Neg(power.Exponent)));
            }
            else
            {
                numerator.Add(factor);
            }
        }

        return new(constants, numerator, denominator);
    }

    /// <summary>1/u^k read as a quotient: numerator 1, denominator u^k.</summary>
    public static Quotient OfReciprocal(Power p) => new([], [], [Algebra.Pow(p.Base, Algebra.Neg(p.Exponent))]);

    /// <summary>Whether a power is a denominator: a negative number as exponent, and a base that depends on the variable.</summary>
    public static bool IsReciprocal(Power p, string variable) =>
        p.IsScalar && p.Exponent is Number { Value.Sign: < 0 } && p.Base.DependsOn(variable);
}
