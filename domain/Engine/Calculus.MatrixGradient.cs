using CalcApi.Domain.Printing;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Shapes;

namespace CalcApi.Domain.Engine;

/// <summary>∂f/∂X for a scalar f of scalars, vectors and matrices.</summary>
/// <param name="Expression">The scalar function f.</param>
/// <param name="Variables">Declared kinds and sizes; an undeclared name takes its kind from its value in <paramref name="At"/>, or is a scalar.</param>
/// <param name="Wrt">The variables to differentiate with respect to; default: every vector and matrix variable.</param>
/// <param name="At">A point: the gradients are also evaluated there.</param>
public sealed record MatrixGradientQuery(
    string Expression,
    IReadOnlyDictionary<string, VariableDeclaration>? Variables = null,
    IReadOnlyList<string>? Wrt = null,
    IReadOnlyDictionary<string, Value>? At = null)
{
    /// <summary>How ∂f/∂X is laid out: the lecture's denominator layout (the shape of X) by default.</summary>
    public GradientLayout Layout { get; init; } = GradientLayout.Denominator;

    /// <summary>Whether to answer each gradient's derivation by the method of differentials (contract section 6), and how much of it; null: none.</summary>
    public Steps.StepDetail? Steps { get; init; }
}

/// <summary>
/// The two conventions for ∂f/∂X of a scalar f. Denominator layout (the lecture's and the Matrix Cookbook's): the
/// gradient has the shape of X, ∂(a'x)/∂x = a. Numerator layout: the transpose, with the shape of X', so
/// ∂(a'x)/∂x = a' (a row) — the convention of texts that write the derivative of a scalar by a column as a row.
/// A Jacobian (of a vector by a vector) takes the same two names with the other default: numerator layout, m×n, as
/// contract section 8 writes J; denominator layout is its transpose, so that ∂(A*x)/∂x = A'.
/// </summary>
public enum GradientLayout
{
    Denominator,
    Numerator,
}

/// <param name="Kind">The variable's kind as declared (or implied by its value), whatever its sizes: a 1×1 matrix is a matrix.</param>
/// <param name="Symmetric">Whether the gradient was taken within symmetric matrices ((G + G')/2).</param>
public sealed record MatrixGradientComponent(string Variable, Rendered Gradient, Shape Shape, VariableKind Kind, bool Symmetric, Value? Value)
{
    /// <summary>The conditions under which the gradient is the true one (contract section 5): det(X) > 0 for logdet(X).</summary>
    public IReadOnlyList<Rendered> Conditions { get; init; } = [];

    /// <summary>The derivation of the gradient (in denominator layout), when asked for; null otherwise.</summary>
    public IReadOnlyList<RenderedStep>? Steps { get; init; }
}

public sealed record MatrixGradientAnswer(Rendered Expression, IReadOnlyList<MatrixGradientComponent> Gradients, double? Value)
{
    /// <summary>The layout the gradients are in.</summary>
    public GradientLayout Layout { get; init; } = GradientLayout.Denominator;
}

public static partial class Calculus
{
    public static Outcome<MatrixGradientAnswer> MatrixGradient(MatrixGradientQuery query, EngineLimits limits, CancellationToken cancellation = default)
    {
        if (query.Wrt is { Count: var count } && count > limits.MaxVariables)
        {
            return CalcError.LimitExceeded("maxVariables", limits.MaxVariables, $"{count} variables were given in wrt; the limit (maxVariables) is {limits.MaxVariables}.");
        }

        if (ValueForReservedName(query.At, "at", [.. query.Variables?.Keys ?? [], .. query.Wrt ?? []]) is { } reserved)
        {
            return reserved;
        }

        return Guarded<MatrixGradientAnswer>(limits, cancellation, () =>
        {
            var read = ReadScalarFunction(query.Expression, WithWrtDeclared(Declarations(query.Variables, query.At, limits), query.Wrt), limits);
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            var ((f, names, shapes, logSpelling), declarations) = read.Value;
            var style = new PrintStyle(logSpelling);
            var wrt = query.Wrt ?? [.. names.Where(n => declarations.TryGetValue(n, out var d) && d.Kind != VariableKind.Scalar)];
            if (wrt.Count == 0)
            {
                wrt = names;
            }

            if (wrt.Count == 0)
            {
                return new CalcError(ErrorKind.InvalidArgument, "No variables", "The expression has no free name: there is nothing to take the gradient with respect to.");
            }

            var missing = wrt.FirstOrDefault(w => !names.Contains(w) && query.Variables?.ContainsKey(w) != true && query.At?.ContainsKey(w) != true);
            if (missing is not null)
            {
                return new CalcError(ErrorKind.InvalidArgument, "Unknown variable",
                    $"wrt names '{missing}', which neither occurs in the expression nor is declared in `variables`.");
            }

            var functionValue = FunctionAt(read.Value.Function, query.At);
            if (functionValue is { IsSuccess: false })
            {
                return functionValue.Error;
            }

            var gradients = new List<MatrixGradientComponent>(wrt.Count);
            foreach (var name in wrt)
            {
                var declaration = declarations.GetValueOrDefault(name);
                // A variable that cancelled out of f (x - x) has the shape it is declared with.
                var shape = f.DependsOn(name) && shapes.TryGetValue(name, out var s) ? s : DeclaredShape(name, declaration);
                var symmetric = declaration?.Symmetric ?? false;
                // Shaped: a variable f does not depend on has the gradient zeros(n, 1), not the number 0 (contract section 5).
                var derived = Shaped(Differentiation.MatrixGradient.Of(f, name), shape);
                var unconstrained = Simplification.StandardForms.Recognise(derived, cancellation);
                var gradient = symmetric ? Differentiation.MatrixGradient.Symmetrised(unconstrained) : unconstrained;

                if (TooLarge(gradient, limits) is { } tooLarge)
                {
                    return tooLarge;
                }

                var value = query.At is null ? null : EvaluateGradient(gradient, name, declaration, query.At);
                if (value is { IsSuccess: false })
                {
                    return value.Error;
                }

                IReadOnlyList<RenderedStep>? steps = null;
                if (query.Steps is { } detail)
                {
                    var derivation = Steps.MatrixDerivation.Of(f, name, derived, symmetric ? Differentiation.MatrixGradient.Symmetrised(derived) : null, detail, style, limits.MaxResultNodes);
                    if (!derivation.IsSuccess)
                    {
                        return derivation.Error;
                    }

                    var lines = EndingAt(derivation.Value, gradient, "gradient");

                    // The derivation reads off ∂f/∂X in the lecture's denominator layout; in numerator layout one more line
                    // writes it as the answer does, transposed, so that the last line is the answer whatever the layout.
                    steps = RenderedSteps(query.Layout == GradientLayout.Numerator
                        ? [.. lines, new Steps.StepLine("layout", "Numerator layout: the gradient is written transposed, with the shape of the variable's transpose.",
                            MatrixAlgebra.Transposed(gradient), lines[^1].Order) { Form = "gradient" }]
                        : lines, style);
                }

                var conditions = ConditionsOf(read.Value.Function, gradient, style);
                var (laidOut, laidOutShape, laidOutValue) = query.Layout == GradientLayout.Numerator
                    ? (MatrixAlgebra.Transposed(gradient), shape.Transposed, value?.Value is { } v ? Transposed(v) : null)
                    : (gradient, shape, value?.Value);
                gradients.Add(new MatrixGradientComponent(name, Rendered.Of(laidOut, style), laidOutShape, declaration?.Kind ?? VariableKind.Scalar, symmetric, laidOutValue)
                {
                    Conditions = conditions,
                    Steps = steps,
                });
            }

            return new MatrixGradientAnswer(Rendered.Of(f, style), gradients, functionValue?.Value) { Layout = query.Layout };
        });
    }

    /// <summary>
    /// The declarations with every name of <paramref name="wrt"/> declared (a scalar where nothing else says), so that
    /// a reserved name there is a variable (contract section 7: wrt = "e" differentiates with respect to e, not Euler's number).
    /// </summary>
    private static Outcome<Dictionary<string, VariableDeclaration>> WithWrtDeclared(Outcome<Dictionary<string, VariableDeclaration>> declarations, IReadOnlyList<string>? wrt)
    {
        if (declarations.IsSuccess)
        {
            foreach (var name in wrt ?? [])
            {
                declarations.Value.TryAdd(name, VariableDeclaration.Scalar);
            }
        }

        return declarations;
    }

    /// <summary>A gradient's value in numerator layout: a number stays one, a vector's gradient becomes a row (1×n), a matrix's its transpose.</summary>
    private static Value Transposed(Value v) => v.IsScalar
        ? (v.Form == ValueForm.Vector ? v.As(ValueForm.Matrix) : v)
        : Value.Of(v.Matrix!.Transpose()).As(ValueForm.Matrix);

    private static Shape DeclaredShape(string name, VariableDeclaration? d) => d?.Kind switch
    {
        null or VariableKind.Scalar => Shape.Scalar,
        VariableKind.Vector => new Shape(d.Rows ?? Dim.Symbolic($"len({name})"), Dim.One),
        _ => new Shape(d.Rows ?? Dim.Symbolic($"rows({name})"), d.Cols ?? Dim.Symbolic($"cols({name})")),
    };
}
