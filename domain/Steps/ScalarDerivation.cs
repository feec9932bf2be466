using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;

namespace CalcApi.Domain.Steps;

/// <summary>How much of a derivation to show: every rule application, or only those a student needs to see.</summary>
public enum StepDetail
{
    /// <summary>One line per rule applied.</summary>
    Full,

    /// <summary>The trivial rules (constant, variable, sum, constant factor) applied silently, with the next line shown.</summary>
    Brief,
}

/// <summary>
/// One line of a derivation: the whole expression after applying <paramref name="Rule"/> (a contract section 6 code),
/// equal to the derivative of order <paramref name="Order"/>, with the sentence that says what was done.
/// </summary>
public sealed record StepLine(string Rule, string Explanation, Expr Expression, int Order)
{
    /// <summary>For matrix lines: <c>differential</c> (the line equals df, linear in d(X)) or <c>gradient</c> (it is ∂f/∂X); null for scalar lines.</summary>
    public string? Form { get; init; }

    /// <summary>The identity used, as "Matrix Cookbook (N)", where one is cited.</summary>
    public string? Reference { get; init; }
}

/// <summary>
/// A scalar derivative as a derivation a student can follow (contract section 6): the first line is diff(f, x); each
/// next line applies one rule to the leftmost unevaluated diff(…) of the line before, rebuilt through the smart
/// constructors (so constants are multiplied out and like terms merged as it goes); when none is left, a
/// <c>simplify</c> line brings it to the engine's own answer where that reads differently. Every line is equal to the
/// derivative as a function of x. An order n is n derivations, each starting from the answer of the order before.
/// </summary>
public sealed class ScalarDerivation
{
    private static readonly HashSet<string> Trivial = ["constant", "variable", "sum", "constantFactor"];

    private readonly string _variable;
    private readonly PrintStyle _style;
    private readonly long _maxNodes;

    private ScalarDerivation(string variable, PrintStyle style, long maxNodes)
    {
        _variable = variable;
        _style = style;
        _maxNodes = maxNodes;
    }

    /// <summary>
    /// The derivation of the derivative by each of <paramref name="variables"/> in turn (d^n f/dx^n is [x, …, x]); each order
    /// ends at the engine's answer for that order. Refused (a limit) past the bounds of <see cref="DerivationLines"/>, with its
    /// lines together at most <paramref name="maxNodes"/> nodes (what the answer prints, in three forms).
    /// </summary>
    public static Outcome<IReadOnlyList<StepLine>> Of(Expr f, IReadOnlyList<string> variables, StepDetail detail, PrintStyle style, long maxNodes)
    {
        var lines = new DerivationLines(maxNodes);
        // Each order starts from the answer of the one before as shown, and ends at the engine's answer for its order:
        // the canonical derivative of the order before's canonical form, in its simplest form (Forms.Simplest).
        var current = f;
        var canonical = f;
        for (var k = 1; k <= variables.Count; k++)
        {
            var derivation = new ScalarDerivation(variables[k - 1], style, maxNodes);
            canonical = Differentiator.Differentiate(canonical, variables[k - 1]);
            var answer = Simplification.Forms.Simplest(canonical);
            if (derivation.Derive(current, answer, k, detail, lines) is { } refused)
            {
                return refused;
            }

            current = answer;
        }

        return Outcome<IReadOnlyList<StepLine>>.Success(lines.Lines);
    }

    private CalcError? Derive(Expr f, Expr answer, int order, StepDetail detail, DerivationLines lines)
    {
        Expr line = Algebra.Diff(f, _variable);
        if (lines.Add(new StepLine("start", order == 1
            ? $"The derivative to find: d/d{_variable} of {Text(f)}."
            : $"Order {order}: differentiate the derivative of order {order - 1} with respect to {_variable}.", line, order)) is { } first)
        {
            return first;
        }

        while (FirstUnevaluated(line) is { } next)
        {
            var (rule, explanation, result) = Apply(next);
            line = LineRewrite.Replace(line, next, result);
            if (line.Size > _maxNodes)
            {
                return CalcError.LimitExceeded("maxResultNodes", _maxNodes,
                    $"A line of the derivation would have more than {_maxNodes:N0} nodes; the limit (maxResultNodes) is {_maxNodes:N0}. Ask without steps, or for a lower order.");
            }

            if (detail == StepDetail.Brief && Trivial.Contains(rule) && FirstUnevaluated(line) is not null)
            {
                continue;
            }

            if (lines.Add(new StepLine(rule, explanation, line, order)) is { } refused)
            {
                return refused;
            }
        }

        return line.Equals(answer) ? null
            : lines.Add(new StepLine("simplify", "Simplify: collect like terms and common factors, and write the result in the engine's canonical form.", answer, order));
    }

    /// <summary>The leftmost unevaluated diff(…) of the line, as it prints (children in canonical order).</summary>
    private static Derivative? FirstUnevaluated(Expr e)
    {
        foreach (var node in Walk.Distinct(e))
        {
            if (node is Derivative d)
            {
                return d;
            }
        }

        return null;
    }

    /// <summary>One rule applied to diff(u, x): its code, its sentence and what diff(u, x) becomes.</summary>
    private (string Rule, string Explanation, Expr Result) Apply(Derivative d)
    {
        var (u, x) = (d.Operand, _variable);
        if (!u.DependsOn(x))
        {
            return ("constant", $"Constant rule: {Text(u)} does not depend on {x}, so its derivative is 0.", Algebra.Zero);
        }

        return u switch
        {
            Symbol => ("variable", $"The derivative of {x} with respect to {x} is 1.", Algebra.One),
            Sum s => ("sum", "Sum rule: the derivative of a sum is the sum of the derivatives of its terms.",
                Algebra.Add([.. s.Terms.Select(t => Algebra.Diff(t, x))])),
            Product p => ProductRules(p),
            Power p => PowerRules(p),
            Call c => CallRules(c),
            // tr, det, sum, norm of matrices built from x: the engine's matrix rules, in one line (their own steps are the matrix derivations').
            _ => ("matrixFunction", $"The derivative of {Text(u)}, by the rules for matrix functions (trace, determinant, sum, norm and matrix products are linear or have known differentials).",
                Differentiator.Differentiate(u, x)),
        };
    }

    private (string, string, Expr) ProductRules(Product p)
    {
        var x = _variable;
        var constants = p.Factors.Where(f => !f.DependsOn(x)).ToArray();
        var varying = p.Factors.Where(f => f.DependsOn(x)).ToArray();
        if (constants.Length > 0)
        {
            var c = Algebra.Mul(constants);
            var rest = Algebra.Mul(varying);
            return ("constantFactor", $"Constant factor rule: the factor {Text(c)} does not depend on {x}, so it stays in front of the derivative of {Text(rest)}.",
                Algebra.Mul(c, Algebra.Diff(rest, x)));
        }

        // A quotient u/v is kept as u·v^-k in canonical form; a teacher writes it, and differentiates it, as a quotient.
        var denominator = varying.Where(f => f is Power { Exponent: Number { Value.IsNegative: true } }).ToArray();
        var numerator = varying.Where(f => f is not Power { Exponent: Number { Value.IsNegative: true } }).ToArray();
        if (denominator.Length > 0 && numerator.Length > 0)
        {
            var top = Algebra.Mul(numerator);
            var bottom = Algebra.Mul([.. denominator.Select(f => Algebra.Pow(((Power)f).Base, Algebra.Neg(((Power)f).Exponent)))]);
            return ("quotient", $"Quotient rule: (u/v)' = (u'·v − u·v')/v², with u = {Text(top)} and v = {Text(bottom)}.",
                Algebra.Div(Algebra.Sub(Algebra.Mul(Algebra.Diff(top, x), bottom), Algebra.Mul(top, Algebra.Diff(bottom, x))), Algebra.Pow(bottom, Algebra.Two)));
        }

        var terms = new Expr[varying.Length];
        for (var i = 0; i < varying.Length; i++)
        {
            var factors = (Expr[])varying.Clone();
            factors[i] = Algebra.Diff(varying[i], x);
            terms[i] = Algebra.Mul(factors);
        }

        var explanation = varying.Length == 2
            ? $"Product rule: (u·v)' = u'·v + u·v', with u = {Text(varying[0])} and v = {Text(varying[1])}."
            : $"Product rule: the derivative of a product of {varying.Length} factors is the sum of {varying.Length} products, each with one factor differentiated.";
        return ("product", explanation, Algebra.Add(terms));
    }

    private (string, string, Expr) PowerRules(Power p)
    {
        var x = _variable;
        var (b, n) = (p.Base, p.Exponent);
        if (!n.DependsOn(x))
        {
            var outer = Algebra.Mul(n, Algebra.Pow(b, Algebra.Add(n, Algebra.MinusOne)));
            return b is Symbol
                ? ("power", $"Power rule: the derivative of {x}^n is n·{x}^(n − 1), here with n = {Text(n)}.", outer)
                : ("chain", $"Chain rule with the power rule: the derivative of u^{Text(n, grouped: true)} is {Text(Algebra.Mul(n, Algebra.Pow(U, Algebra.Add(n, Algebra.MinusOne))))} times the derivative of u, with u = {Text(b)}.",
                    Algebra.Mul(outer, Algebra.Diff(b, x)));
        }

        if (!b.DependsOn(x))
        {
            var outer = Algebra.Mul(Algebra.Apply(Function.Log, b), p);
            return n is Symbol
                ? ("exponential", $"Exponential rule: the derivative of a^{x} is ln(a)·a^{x}, here with a = {Text(b)}.", outer)
                : ("chain", $"Chain rule with the exponential rule: the derivative of a^u is ln(a)·a^u times the derivative of u, with a = {Text(b)} and u = {Text(n)}.",
                    Algebra.Mul(outer, Algebra.Diff(n, x)));
        }

        return ("generalPower", $"General power rule: write u^v as exp(v·ln(u)); its derivative is u^v times the derivative of v·ln(u), with u = {Text(b)} and v = {Text(n)}.",
            Algebra.Mul(p, Algebra.Diff(Algebra.Mul(n, Algebra.Apply(Function.Log, b)), x)));
    }

    private (string, string, Expr) CallRules(Call c)
    {
        var x = _variable;
        var name = Text(Algebra.Apply(c.Function, U)).Replace("(u)", "", StringComparison.Ordinal);
        var outer = Differentiator.Outer(c.Function, c.Argument, c);
        if (c.Argument is Symbol)
        {
            return (Family(c.Function), $"The derivative of {name}({x}) is {Text(outer)}.", outer);
        }

        var generic = Algebra.Apply(c.Function, U);
        var outerOfU = generic is Call call ? Differentiator.Outer(c.Function, U, call) : outer;
        return ("chain", $"Chain rule: the derivative of {name}(u) is {Text(outerOfU)} times the derivative of u, with u = {Text(c.Argument)}.",
            Algebra.Mul(outer, Algebra.Diff(c.Argument, x)));
    }

    /// <summary>The rule code of a function's own derivative (contract section 6).</summary>
    private static string Family(Function f) => f switch
    {
        Function.Exp => "exponential",
        Function.Log or Function.Log1p => "logarithm",
        Function.Sin or Function.Cos or Function.Tan or Function.Cot or Function.Sec or Function.Csc => "trigonometric",
        Function.Asin or Function.Acos or Function.Atan => "inverseTrigonometric",
        Function.Sinh or Function.Cosh or Function.Tanh or Function.Asinh or Function.Acosh or Function.Atanh => "hyperbolic",
        Function.Abs => "absoluteValue",
        _ => "special",
    };

    /// <summary>The placeholder u of the sentences that state a rule.</summary>
    private static readonly Symbol U = Algebra.Variable("u");

    private string Text(Expr e, bool grouped = false)
    {
        var text = TextPrinter.Print(e, _style);
        return grouped && e is not (Number { Value.IsInteger: true, Value.IsNegative: false } or Symbol) ? $"({text})" : text;
    }
}
