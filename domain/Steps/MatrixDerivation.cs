using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;

namespace CalcApi.Domain.Steps;

/// <summary>
/// A matrix gradient as the lecture derives it, by the method of differentials (contract section 6): the first line is
/// d(f); each next line applies one rule to the leftmost d(u) whose u is not the variable X, rebuilt through the smart
/// constructors, until only d(X) is left; then the differential is written as tr(G' d(X)) (<c>traceCyclic</c>) and the
/// gradient read off it (<c>identify</c>), symmetrised where X is declared symmetric. Every line but the last ones equals
/// df, linear in d(X) (form <c>differential</c>); the last ones are ∂f/∂X (form <c>gradient</c>).
/// </summary>
public sealed class MatrixDerivation
{
    private const string DifferentialForm = "differential";
    private const string GradientForm = "gradient";

    private static readonly HashSet<string> Trivial = ["linearity"];

    private readonly string _variable;
    private readonly PrintStyle _style;

    private MatrixDerivation(string variable, PrintStyle style)
    {
        _variable = variable;
        _style = style;
    }

    /// <summary>
    /// The derivation of ∂f/∂X for X = <paramref name="variable"/>, ending at <paramref name="gradient"/> (the engine's
    /// unconstrained answer G), then at <paramref name="symmetrised"/> where X is declared symmetric. Refused (a limit)
    /// past the bounds of <see cref="DerivationLines"/>, its lines together at most <paramref name="maxNodes"/> nodes.
    /// </summary>
    public static Outcome<IReadOnlyList<StepLine>> Of(Expr f, string variable, Expr gradient, Expr? symmetrised, StepDetail detail, PrintStyle style, long maxNodes) =>
        new MatrixDerivation(variable, style).Derive(f, gradient, symmetrised, detail, maxNodes);

    private Outcome<IReadOnlyList<StepLine>> Derive(Expr f, Expr gradient, Expr? symmetrised, StepDetail detail, long maxNodes)
    {
        var lines = new DerivationLines(maxNodes);
        var line = MatrixAlgebra.D(f);
        if (lines.Add(DifferentialLine("start", $"The differential to find: d of {Text(f)}, to be written in terms of d({_variable}).", line, null)) is { } first)
        {
            return first;
        }

        while (FirstUnworked(line) is { } next)
        {
            var (rule, explanation, reference, result) = Apply(next);
            line = LineRewrite.Replace(line, next, result);
            if (detail == StepDetail.Brief && Trivial.Contains(rule) && FirstUnworked(line) is not null)
            {
                continue;
            }

            if (lines.Add(DifferentialLine(rule, explanation, line, reference)) is { } refused)
            {
                return refused;
            }
        }

        // The engine's unconstrained gradient G satisfies df = tr(G' d(X)) by construction; the symmetrised one is read off it.
        var dx = MatrixAlgebra.D(MatrixAlgebra.Variable(_variable, gradient.Shape, symmetrised is not null));
        if (!IsZero(gradient))
        {
            var traced = Differentials.TraceForm(gradient, dx);
            if (!traced.Equals(line) && lines.Add(DifferentialLine("traceCyclic", TraceExplanation(gradient), traced, null)) is { } refused)
            {
                return refused;
            }
        }

        var identified = new StepLine("identify",
            $"Read the gradient off df = tr(G' d({_variable})): ∂f/∂{_variable} = G.", gradient, 1) { Form = GradientForm };
        if (lines.Add(identified) is { } tooMany)
        {
            return tooMany;
        }

        if (symmetrised is not null && !gradient.Equals(symmetrised) && lines.Add(new StepLine("symmetrize",
            $"{_variable} is symmetric, so only the symmetric part of G counts: ∂f/∂{_variable} = (G + G')/2.", symmetrised, 1) { Form = GradientForm }) is { } last)
        {
            return last;
        }

        return Outcome<IReadOnlyList<StepLine>>.Success(lines.Lines);
    }

    private static bool IsZero(Expr e) => e is Zeros || e.Equals(Algebra.Zero);

    private StepLine DifferentialLine(string rule, string explanation, Expr line, string? reference) =>
        new(rule, explanation, line, 1) { Form = DifferentialForm, Reference = reference };

    private string TraceExplanation(Expr gradient) => MatrixAlgebra.Transposed(gradient).IsScalar
        ? $"Collect the terms into the form g·d({_variable})."
        : $"Collect the terms into the form tr(G' d({_variable})): a scalar is its own trace, and tr(A B) = tr(B A) moves d({_variable}) to the end; here G = {Text(gradient)}.";

    /// <summary>The leftmost d(u) of the line, as it prints, whose u is not the variable itself.</summary>
    private Differential? FirstUnworked(Expr e)
    {
        foreach (var node in Walk.Distinct(e))
        {
            if (node is Differential d && !IsVariable(d.Operand))
            {
                return d;
            }
        }

        return null;
    }

    private bool IsVariable(Expr e) => e is Symbol s && s.Name == _variable || e is MatrixSymbol m && m.Name == _variable;

    /// <summary>One rule applied to d(u): its code, its sentence, the identity cited and what d(u) becomes.</summary>
    private (string Rule, string Explanation, string? Reference, Expr Result) Apply(Differential d)
    {
        var u = d.Operand;
        if (!u.DependsOn(_variable))
        {
            return ("linearity", $"{Text(u)} does not depend on {_variable}: its differential is 0.", null, MatrixAlgebra.ZerosOf(u.Shape));
        }

        return u switch
        {
            Sum s => ("linearity", "Linearity: the differential of a sum is the sum of the differentials; constant terms drop out and constant factors stay.", null,
                Algebra.Add([.. s.Terms.Where(t => t.DependsOn(_variable)).Select(Linear)])),
            Product p => ProductRule(p),
            MatMul m => MatMulRule(m),
            Transpose t => ("transpose", "The differential of a transpose is the transpose of the differential: d(u') = d(u)'.", null,
                MatrixAlgebra.Transposed(MatrixAlgebra.D(t.Operand))),
            Power p => PowerRule(p),
            Call c => CallRule(c),
            MatrixCall c => MatrixCallRule(c),
            _ => throw new InvalidOperationException($"No differential rule for {u.GetType().Name}."),
        };
    }

    /// <summary>d(t) of one term, with its constant factors kept in front: d(a'*W*b) = a' d(W) b, d(3 u) = 3 d(u).</summary>
    private Expr Linear(Expr t) => t switch
    {
        Product p when p.Factors.Count(f => f.DependsOn(_variable)) == 1 =>
            Algebra.Mul([.. p.Factors.Select(f => f.DependsOn(_variable) ? Linear(f) : f)]),
        MatMul m when m.Factors.Count(f => f.DependsOn(_variable)) == 1 =>
            MatrixAlgebra.Product([.. m.Factors.Select(f => f.DependsOn(_variable) ? Linear(f) : f)]),
        _ => MatrixAlgebra.D(t),
    };

    private (string, string, string?, Expr) ProductRule(Product p)
    {
        var varying = p.Factors.Where(f => f.DependsOn(_variable)).ToArray();
        if (varying.Length == 1)
        {
            return ("linearity", "Linearity: a constant factor stays in front of the differential.", null, Linear(p));
        }

        var constants = p.Factors.Where(f => !f.DependsOn(_variable));
        var terms = new Expr[varying.Length];
        for (var i = 0; i < varying.Length; i++)
        {
            var factors = (Expr[])varying.Clone();
            factors[i] = MatrixAlgebra.D(varying[i]);
            terms[i] = Algebra.Mul([.. constants, .. factors]);
        }

        var elementwise = varying.Any(f => !f.IsScalar);
        return ("product", elementwise
            ? "Product rule for the element-wise product: d(u .* v) = d(u) .* v + u .* d(v)."
            : "Product rule: d(u v) = d(u) v + u d(v).", null, Algebra.Add(terms));
    }

    private (string, string, string?, Expr) MatMulRule(MatMul m)
    {
        var varying = Enumerable.Range(0, m.Factors.Length).Where(i => m.Factors[i].DependsOn(_variable)).ToArray();
        if (varying.Length == 1)
        {
            return ("linearity", "Linearity: constant matrices stay where they are, d(A u B) = A d(u) B.", null, Linear(m));
        }

        var terms = varying.Select(i => MatrixAlgebra.Product([.. m.Factors.Select((f, k) => k == i ? MatrixAlgebra.D(f) : f)]));
        return ("product", "Product rule for matrix products, in order: d(A B) = d(A) B + A d(B).", null, Algebra.Add([.. terms]));
    }

    private (string, string, string?, Expr) PowerRule(Power p)
    {
        var (b, n) = (p.Base, p.Exponent);
        var rule = p.IsScalar ? "chain" : "elementwise";
        var how = p.IsScalar ? "Chain rule" : "Element-wise";
        if (!n.DependsOn(_variable))
        {
            return (rule, $"{how}: d(u^n) = n u^(n − 1) d(u), with u = {Text(b)} and n = {Text(n)}.", null,
                Algebra.Mul(n, Algebra.Pow(b, Algebra.Add(n, Algebra.MinusOne)), MatrixAlgebra.D(b)));
        }

        if (!b.DependsOn(_variable))
        {
            return (rule, $"{how}: d(a^u) = ln(a) a^u d(u), with a = {Text(b)} and u = {Text(n)}.", null,
                Algebra.Mul(Algebra.Apply(Function.Log, b), p, MatrixAlgebra.D(n)));
        }

        return (rule, $"{how}: u^v = exp(v ln(u)), so d(u^v) = u^v d(v ln(u)), with u = {Text(b)} and v = {Text(n)}.", null,
            Algebra.Mul(p, MatrixAlgebra.D(Algebra.Mul(n, Algebra.Apply(Function.Log, b)))));
    }

    private (string, string, string?, Expr) CallRule(Call c)
    {
        var outer = Differentiator.Outer(c.Function, c.Argument, c);
        var result = Algebra.Mul(outer, MatrixAlgebra.D(c.Argument));
        return c.IsScalar
            ? ("chain", $"Chain rule: d f(u) = f'(u) d(u), here f'(u) = {Text(outer)} with u = {Text(c.Argument)}.", null, result)
            : ("elementwise", $"An element-wise function: d f(U) = f'(U) .* d(U), here f'(U) = {Text(outer)} with U = {Text(c.Argument)}.", null, result);
    }

    private (string, string, string?, Expr) MatrixCallRule(MatrixCall c)
    {
        var a = c.Argument;
        var entry = MatrixFunctionCatalog.Of(c.Function);
        var da = MatrixAlgebra.D(a);
        return c.Function switch
        {
            MatrixFunction.Trace => ("trace", "The trace is linear: d tr(u) = tr(d(u)).", null, new MatrixCall(MatrixFunction.Trace, da)),
            MatrixFunction.Det => ("determinant", "The differential of a determinant: d det(U) = det(U) tr(inv(U) d(U)).", "Matrix Cookbook (42)",
                Algebra.Mul(c, new MatrixCall(MatrixFunction.Trace, TraceArgument(MatrixAlgebra.Apply(MatrixFunction.Inverse, a), da)))),
            MatrixFunction.LogDet => ("logdet", "The differential of a log-determinant: d logdet(U) = tr(inv(U) d(U)).", "Matrix Cookbook (43)",
                new MatrixCall(MatrixFunction.Trace, TraceArgument(MatrixAlgebra.Apply(MatrixFunction.Inverse, a), da))),
            MatrixFunction.Inverse => ("inverse", "The differential of an inverse: d inv(U) = −inv(U) d(U) inv(U).", "Matrix Cookbook (40)",
                entry.Differential(c, a, da)),
            MatrixFunction.Norm => ("chain", "The differential of the Euclidean norm: d‖U‖ = sum(U .* d(U))/‖U‖.", null, entry.Differential(c, a, da)),
            _ => ("linearity", $"{entry.Name} is linear: the differential of {entry.Name}(U) is {entry.Name}(d(U)).", null, entry.Differential(c, a, da)),
        };
    }

    /// <summary>inv(U) d(U) as a product in the order shown, whatever the canonical order of its factors.</summary>
    private static Expr TraceArgument(Expr inverse, Expr da) => inverse.IsScalar || da.IsScalar
        ? MatrixAlgebra.Product(inverse, da)
        : MatrixAlgebra.Product(inverse, da) is MatMul m ? m : new MatMul([inverse, da]);

    private string Text(Expr e) => TextPrinter.Print(e, _style);
}
