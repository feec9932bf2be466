using CalcApi.Domain.Binding;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;
using CalcApi.Domain.SecondOrder;
using CalcApi.Domain.Shapes;

namespace CalcApi.Domain.Engine;

/// <summary>The Hessian of a scalar f, or the Jacobian of a vector g, with respect to one vector variable, in closed form.</summary>
/// <param name="Variables">Declared kinds and sizes, as for the matrix gradient.</param>
/// <param name="Wrt">The vector variable x.</param>
public sealed record ClosedFormQuery(
    string Expression,
    IReadOnlyDictionary<string, VariableDeclaration>? Variables,
    string Wrt,
    IReadOnlyDictionary<string, Value>? At = null)
{
    /// <summary>
    /// How a Jacobian is laid out: numerator layout (J, m×n, J[i][j] = ∂gᵢ/∂xⱼ; contract section 8) by default, or the
    /// lecture's denominator layout (J', n×m, so that ∂(A*x)/∂x = A'). A Hessian is symmetric: the same in both.
    /// </summary>
    public GradientLayout Layout { get; init; } = GradientLayout.Numerator;
}

/// <param name="Result">∇²f (n×n) or J (m×n, J[i][j] = ∂gᵢ/∂xⱼ; in denominator layout J', n×m) as an expression of the language.</param>
/// <param name="Value">The matrix at the point, when one was given.</param>
public sealed record ClosedFormAnswer(Rendered Expression, string Wrt, Rendered Result, Shape Shape, Value? Value)
{
    /// <summary>The conditions under which the result is the true one (contract section 5).</summary>
    public IReadOnlyList<Rendered> Conditions { get; init; } = [];

    /// <summary>The layout the result is in (a Hessian's is the query's, and the same matrix either way).</summary>
    public GradientLayout Layout { get; init; } = GradientLayout.Numerator;
}

public static partial class Calculus
{
    /// <summary>∇²f of a scalar f with respect to a vector: the Jacobian of the closed-form gradient.</summary>
    public static Outcome<ClosedFormAnswer> VectorHessian(ClosedFormQuery query, EngineLimits limits, CancellationToken cancellation = default) =>
        ClosedForm(query, limits, cancellation, hessian: true);

    /// <summary>J of a vector g with respect to a vector.</summary>
    public static Outcome<ClosedFormAnswer> VectorJacobian(ClosedFormQuery query, EngineLimits limits, CancellationToken cancellation = default) =>
        ClosedForm(query, limits, cancellation, hessian: false);

    private static Outcome<ClosedFormAnswer> ClosedForm(ClosedFormQuery query, EngineLimits limits, CancellationToken cancellation, bool hessian)
    {
        if (!IsName(query.Wrt))
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid wrt", $"`wrt` must be the name of one vector variable, but it is '{query.Wrt}'.") { Field = "wrt" };
        }

        if (ValueForReservedName(query.At, "at", [.. query.Variables?.Keys ?? [], query.Wrt]) is { } reserved)
        {
            return reserved;
        }

        return Guarded<ClosedFormAnswer>(limits, cancellation, () =>
        {
            var declarations = WithWrtDeclared(Declarations(query.Variables, query.At, limits), [query.Wrt]);
            if (!declarations.IsSuccess)
            {
                return declarations.Error;
            }

            var bound = Bind(query.Expression, limits, declarations.Value);
            if (!bound.IsSuccess)
            {
                return bound.Error;
            }

            var function = bound.Value;
            var e = function.Expression;
            var style = new PrintStyle(function.NaturalLogSpelling);
            var shape = e.DependsOn(query.Wrt) && function.VariableShapes.TryGetValue(query.Wrt, out var s) ? s : DeclaredShape(query.Wrt, declarations.Value.GetValueOrDefault(query.Wrt));
            if (!shape.Cols.IsOne || shape.IsScalar && declarations.Value.GetValueOrDefault(query.Wrt)?.Kind != VariableKind.Vector)
            {
                return new CalcError(ErrorKind.InvalidArgument, "wrt is not a vector",
                    $"`wrt` names '{query.Wrt}', which is a {shape} {shape.Kind}; the closed form here is with respect to one vector (declare it \"vector\" in `variables`). " +
                    "For scalar variables give `variables` as a list of names.") { Field = "wrt" };
            }

            if (hessian != e.IsScalar || !hessian && !e.Shape.Cols.IsOne)
            {
                return new CalcError(ErrorKind.Semantic, hessian ? "Not a scalar function" : "Not a vector function",
                    hessian
                        ? $"The expression is a {e.Shape} {e.Shape.Kind}; a Hessian is of a scalar function. Take its Jacobian instead."
                        : $"The expression is a {e.Shape} {e.Shape.Kind}; the Jacobian here is of a column vector. For a scalar function, take its matrix gradient.")
                { Position = 0, Field = "expression" };
            }

            var functionValue = FunctionAt(function, query.At);
            if (functionValue is { IsSuccess: false })
            {
                return functionValue.Error;
            }

            var g = hessian ? Shaped(Differentiation.MatrixGradient.Of(e, query.Wrt), shape) : e;
            var jacobian = LinearMap.Jacobian(g, query.Wrt);
            if (!jacobian.IsSuccess)
            {
                return jacobian.Error;
            }

            // Denominator layout: J', its transposes pushed inward (diag(s)*W becomes W'*diag(s), A becomes A').
            var transposed = !hessian && query.Layout == GradientLayout.Denominator;
            var result = transposed ? MatrixAlgebra.Transposed(jacobian.Value) : jacobian.Value;
            if (TooLarge(result, limits) is { } tooLarge)
            {
                return tooLarge;
            }

            var resultShape = new Shape(hessian ? shape.Rows : e.Shape.Rows, shape.Rows);
            Value? value = null;
            if (query.At is not null)
            {
                var evaluated = MatrixValue(jacobian.Value, g, query.Wrt, query.At);
                if (!evaluated.IsSuccess)
                {
                    return evaluated.Error;
                }

                var matrix = evaluated.Value.Matrix!;
                value = hessian
                    // A Hessian is symmetric: its two triangles, each right to the contract's precision, are averaged so that they agree exactly.
                    ? Value.Of((matrix + matrix.Transpose()) / 2).As(ValueForm.Matrix)
                    : transposed ? Value.Of(matrix.Transpose()).As(ValueForm.Matrix) : evaluated.Value;
            }

            // Written with the standard forms readers use (the logistic loss's Hessian in sigmoids), which keep the domain.
            var shown = Simplification.StandardForms.Recognise(result, cancellation);
            return new ClosedFormAnswer(Rendered.Of(e, style), query.Wrt, Rendered.Of(shown, style), transposed ? resultShape.Transposed : resultShape, value)
            {
                Conditions = ConditionsOf(function, shown, style),
                Layout = query.Layout,
            };
        });
    }

    /// <summary>The m×n matrix at the point, always a matrix (a 1×1 Jacobian is [[v]]); a zero form is the zero matrix.</summary>
    private static Outcome<Value> MatrixValue(Expr jacobian, Expr g, string wrt, IReadOnlyDictionary<string, Value> at)
    {
        var value = ExactValues.Of(jacobian, at);
        if (!value.IsSuccess)
        {
            return value.Error.Kind == ErrorKind.OutsideDomain
                ? value.Error with { Detail = $"The result cannot be evaluated at this point: {value.Error.Detail}" }
                : value.Error;
        }

        if (value.Value.Matrix is { } matrix)
        {
            return Value.Of(matrix).As(ValueForm.Matrix);
        }

        var n = at.TryGetValue(wrt, out var x) ? x.Matrix?.RowCount ?? 1 : 1;
        var gValue = ExactValues.Of(g, at);
        var m = gValue is { IsSuccess: true, Value.Matrix: { } gm } ? gm.RowCount : 1;
        return Value.Of(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(m, n, value.Value.Scalar)).As(ValueForm.Matrix);
    }
}
