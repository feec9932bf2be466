using CalcApi.Domain.Binding;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;

namespace CalcApi.Domain.Engine;

/// <summary>d^n f / dx^n, asked for in the contract's terms. <see cref="At"/> may give vectors and matrices (det(I + t*M)).</summary>
public sealed record DerivativeQuery(string Expression, string? Variable = null, int Order = 1, IReadOnlyDictionary<string, Value>? At = null);

public sealed record DerivativeAnswer(Rendered Expression, string Variable, int Order, Rendered Derivative, double? Value)
{
    /// <summary>The conditions under which the derivative is the true one (contract section 5): x > 0 for d/dx log(x).</summary>
    public IReadOnlyList<Rendered> Conditions { get; init; } = [];
}

public static partial class Calculus
{
    public static Outcome<DerivativeAnswer> Differentiate(DerivativeQuery query, EngineLimits limits, CancellationToken cancellation = default)
    {
        if (query.Order < 1 || query.Order > limits.MaxOrder)
        {
            return query.Order < 1
                ? new CalcError(ErrorKind.InvalidArgument, "Invalid order", $"order must be at least 1, but it is {query.Order}.")
                : CalcError.LimitExceeded("maxOrder", limits.MaxOrder, $"order is {query.Order}; the limit (maxOrder) is {limits.MaxOrder}.");
        }

        if (query.Variable is not null && !IsName(query.Variable))
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid variable", $"`variable` must be a name of the language (letters, digits, _), but it is '{query.Variable}'.");
        }

        if (ValueForReservedName(query.At, "at", query.Variable is null ? [] : [query.Variable]) is { } reserved)
        {
            return reserved;
        }

        return Guarded<DerivativeAnswer>(limits, cancellation, () =>
        {
            var read = ReadDerivative(query, limits);
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            var (function, variable, style) = read.Value;
            var f = function.Expression;
            if (OutsideFunctionDomain(function, query.At) is { } outside)
            {
                return outside;
            }

            var derivative = DifferentiateWithinLimits(f, variable, query.Order, limits);
            if (!derivative.IsSuccess)
            {
                return derivative.Error;
            }

            if (TooLarge(derivative.Value, limits) is { } tooLarge)
            {
                return tooLarge;
            }

            var value = query.At is null ? null : EvaluateDerivative(derivative.Value, query.At);
            if (value is { IsSuccess: false })
            {
                return value.Error;
            }

            return new DerivativeAnswer(Rendered.Of(f, style), variable, query.Order, Rendered.Of(derivative.Value, style), value?.Value)
            {
                Conditions = ConditionsOf(function, derivative.Value, style),
            };
        });
    }

    /// <summary>The function to differentiate, read under the scalars of `at`, and the variable (the lone free scalar name when none is given).</summary>
    private static Outcome<(BoundTree Function, string Variable, PrintStyle Style)> ReadDerivative(DerivativeQuery query, EngineLimits limits)
    {
        var scalars = ScalarVariables(query.At, query.Variable is null ? [] : [query.Variable], "the derivative here is with respect to a scalar", limits);
        var read = ReadScalarFunction(query.Expression, scalars, limits);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        var ((_, names, _, logSpelling), declarations) = read.Value;
        var style = new PrintStyle(logSpelling);
        if (query.Variable is { } variable)
        {
            return (read.Value.Function, variable, style);
        }

        var scalarNames = ScalarNames(names, declarations);
        if (scalarNames.Count != 1)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Variable required",
                scalarNames.Count == 0
                    ? "The expression has no free scalar name; say which variable to differentiate with respect to in `variable`."
                    : $"The expression has {scalarNames.Count} free names ({string.Join(", ", scalarNames)}); say which one to differentiate with respect to in `variable`.");
        }

        return (read.Value.Function, scalarNames[0], style);
    }
}
