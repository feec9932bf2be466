using CalcApi.Domain.Printing;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Engine;

/// <summary>Results evaluated at the caller's point, saying which result a point lies outside the domain of.</summary>
public static partial class Calculus
{
    /// <summary>
    /// The refusal of a point outside the domain of the function as written (contract section 5): log(x) at -1
    /// has no derivative there even though 1/x has a value. Other failures (a name the point leaves out) are the
    /// derivative's to report.
    /// </summary>
    private static CalcError? OutsideFunctionDomain(BoundTree function, IReadOnlyDictionary<string, Value>? at) =>
        FunctionAt(function, at) is { IsSuccess: false, Error.Kind: ErrorKind.OutsideDomain } refused ? refused.Error : null;

    /// <summary>
    /// The function's value at the point (none without a point), refused where the point lies outside the domain of
    /// the function as written: where it is undefined itself, or where a condition its canonical form dropped fails.
    /// </summary>
    private static Outcome<double>? FunctionAt(BoundTree function, IReadOnlyDictionary<string, Value>? at)
    {
        if (at is null)
        {
            return null;
        }

        var value = EvaluateScalar(function.Expression, at);
        if (value is { IsSuccess: false, Error.Kind: ErrorKind.OutsideDomain })
        {
            return NotDefined("function", value.Error);
        }

        // The conditions of the input as written, which its canonical form may have dropped: sqrt(x)^2 is x only for x >= 0.
        foreach (var condition in function.Conditions.Where(c => c.Left.IsScalar && c.Right.IsScalar))
        {
            var left = EvaluateScalar(condition.Left, at);
            var right = EvaluateScalar(condition.Right, at);
            if (left is { IsSuccess: false, Error.Kind: ErrorKind.OutsideDomain })
            {
                return NotDefined("function", left.Error);
            }

            if (!HoldsAt(condition, left, right, at))
            {
                return new CalcError(ErrorKind.OutsideDomain, "Point outside the domain",
                    $"The function is not defined at this point: the expression as written needs {TextPrinter.Print(condition)}, which does not hold here.");
            }
        }

        return value;
    }

    /// <summary>
    /// Whether a condition of the input as written holds: on the double values of its sides where they are far apart
    /// (each is within 1e-9 relative, 1e-12 absolute, of its exact value), otherwise decided on precise values
    /// (<see cref="ExactEnough.Holds"/>: tanh(7 pi) >= 1 is false, 2^4096 <= 1 too), and where even those do not decide
    /// it, on the doubles as before (a side that has no value does not fail it).
    /// </summary>
    private static bool HoldsAt(Condition condition, Outcome<double> left, Outcome<double> right, IReadOnlyDictionary<string, Value> at)
    {
        if (left.IsSuccess && right.IsSuccess
            && Math.Abs(left.Value - right.Value) > (1e-9 * (Math.Abs(left.Value) + Math.Abs(right.Value))) + 1e-12)
        {
            return condition.Holds(left.Value, right.Value);
        }

        var precise = at.Values.All(v => v.IsScalar) ? ExactEnough.Holds(condition, at.ToDictionary(p => p.Key, p => p.Value.Scalar)) : null;
        return precise ?? (!(left.IsSuccess && right.IsSuccess) || condition.Holds(left.Value, right.Value));
    }

    /// <summary>The conditions under which <paramref name="result"/> is the true result: those of the input as written and its own (x != 0 for x/abs(x)).</summary>
    private static IReadOnlyList<Rendered> ConditionsOf(BoundTree function, Expr result, PrintStyle style)
    {
        var conditions = new List<Condition>(function.Conditions);
        DomainConditions.Add(conditions, DomainConditions.Within(result));
        return [.. conditions.Select(c => Rendered.Of(c, style))];
    }

    /// <summary>A point outside the domain, said of the result it makes undefined ("the derivative", "the function").</summary>
    private static CalcError NotDefined(string what, CalcError error) =>
        error.Kind == ErrorKind.OutsideDomain ? error with { Detail = $"The {what} is not defined at this point: {error.Detail}" } : error;

    /// <summary>Evaluates a derivative, saying so when the point lies outside its domain (x/abs(x) at 0).</summary>
    private static Outcome<double> EvaluateDerivative(Expr derivative, IReadOnlyDictionary<string, Value> at)
    {
        var value = EvaluateScalar(derivative, at);
        // Where the function is defined but the derivative's formula divides by zero (abs(x)^3 at 0, whose
        // derivative there is 0 as a limit), the answer is a refusal that says so, never a number guessed
        // from one side: the engine does not take limits.
        return value.IsSuccess || value.Error.Kind != ErrorKind.OutsideDomain
            ? value
            : value.Error with { Detail = $"The derivative's formula cannot be evaluated at this point, though the function is defined here (its limit may exist; the engine does not take limits): {value.Error.Detail}" };
    }

    /// <summary>
    /// Evaluates the gradient with respect to <paramref name="name"/>, in the shape of that variable's value and
    /// the JSON form of its kind (<paramref name="declaration"/>): a vector of length 1 is still a vector. Every
    /// entry is right or the whole value is refused (<see cref="MatrixExactEnough"/>).
    /// </summary>
    private static Outcome<Value> EvaluateGradient(Expr gradient, string name, VariableDeclaration? declaration, IReadOnlyDictionary<string, Value> at)
    {
        var value = ExactValues.Of(gradient, at);
        if (!value.IsSuccess)
        {
            return value.Error.Kind == ErrorKind.OutsideDomain
                ? value.Error with { Detail = $"The gradient with respect to {name} cannot be evaluated at this point: {value.Error.Detail}" }
                : value.Error;
        }

        return Expand(value.Value, at.GetValueOrDefault(name)).As(declaration?.Form ?? ValueForm.Number);
    }

    /// <summary>
    /// A scalar value at the point, right or refused (contract section 5): <see cref="ExactValues"/> sends a scalar
    /// tree at a scalar point to <see cref="ExactEnough"/>, anything with a vector or matrix in it to
    /// <see cref="MatrixExactEnough"/>; either refuses with a precision error where no value can be promised.
    /// </summary>
    private static Outcome<double> EvaluateScalar(Expr e, IReadOnlyDictionary<string, Value> at) => ExactValues.Scalar(e, at);

    /// <summary>A gradient that came out as a scalar (0, or a broadcast constant) has the shape of its variable.</summary>
    private static Value Expand(Value gradient, Value? variable)
    {
        if (!gradient.IsScalar || variable is null || variable.IsScalar)
        {
            return gradient;
        }

        var m = variable.Matrix!;
        return Value.Of(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount, gradient.Scalar), variable.IsVector);
    }
}
