using CalcApi.Domain.Binding;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Syntax;

namespace CalcApi.Domain;

/// <summary>d^n f / dx^n, asked for in the contract's terms.</summary>
public sealed record DerivativeQuery(string Expression, string? Variable = null, int Order = 1, IReadOnlyDictionary<string, double>? At = null);

public sealed record DerivativeAnswer(Rendered Expression, string Variable, int Order, Rendered Derivative, double? Value);

/// <summary>The gradient of f with respect to <see cref="Variables"/> (default: every free name).</summary>
public sealed record GradientQuery(string Expression, IReadOnlyList<string>? Variables = null, IReadOnlyDictionary<string, double>? At = null);

public sealed record GradientComponent(string Variable, Rendered Derivative, double? Value);

public sealed record GradientAnswer(Rendered Expression, IReadOnlyList<GradientComponent> Components);

/// <summary>A parsed and bound expression, with the names it uses in order of first appearance.</summary>
public sealed record BoundExpression(Expr Expression, IReadOnlyList<string> FreeNames);

/// <summary>
/// The engine's front door: text in, answers or <see cref="CalcError"/>s out. Every call runs inside a
/// <see cref="WorkBudget"/>, so limits and the caller's time budget hold however the expression grows.
/// </summary>
public static class Calculus
{
    /// <summary>Parses and binds a scalar expression.</summary>
    public static Outcome<BoundExpression> Read(string expression, EngineLimits limits, IReadOnlySet<string>? declaredNames = null)
    {
        var syntax = Parser.Parse(expression, limits);
        if (!syntax.IsSuccess)
        {
            return syntax.Error;
        }

        var bound = ScalarBinder.Bind(syntax.Value, declaredNames);
        if (!bound.IsSuccess)
        {
            return bound.Error;
        }

        var names = SyntaxNames.FreeNames(syntax.Value)
            .Where(n => !ScalarBinder.IsConstantName(n, declaredNames))
            .ToList();
        return new BoundExpression(bound.Value, names);
    }

    public static Outcome<DerivativeAnswer> Differentiate(DerivativeQuery query, EngineLimits limits, CancellationToken cancellation = default)
    {
        if (query.Order < 1 || query.Order > limits.MaxOrder)
        {
            return query.Order < 1
                ? new CalcError(ErrorKind.InvalidArgument, "Invalid order", $"order must be at least 1, but it is {query.Order}.")
                : CalcError.LimitExceeded("maxOrder", limits.MaxOrder, $"order is {query.Order}; the limit (maxOrder) is {limits.MaxOrder}.");
        }

        return Guarded<DerivativeAnswer>(limits, cancellation, () =>
        {
            var declared = query.Variable is null ? null : new HashSet<string> { query.Variable };
            var read = Read(query.Expression, limits, declared);
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            var (f, names) = read.Value;
            var variable = query.Variable;
            if (variable is null)
            {
                if (names.Count != 1)
                {
                    return new CalcError(ErrorKind.InvalidArgument, "Variable required",
                        names.Count == 0
                            ? "The expression has no free name; say which variable to differentiate with respect to in `variable`."
                            : $"The expression has {names.Count} free names ({string.Join(", ", names)}); say which one to differentiate with respect to in `variable`.");
                }

                variable = names[0];
            }
            else if (!IsName(variable))
            {
                return new CalcError(ErrorKind.InvalidArgument, "Invalid variable", $"`variable` must be a name of the language (letters, digits, _), but it is '{variable}'.");
            }

            var derivative = Differentiator.Differentiate(f, variable, query.Order);
            CheckResultSize(derivative, limits);
            double? value = null;
            if (query.At is not null)
            {
                var evaluated = Evaluator.Evaluate(derivative, query.At);
                if (!evaluated.IsSuccess)
                {
                    return evaluated.Error;
                }

                value = evaluated.Value;
            }

            return new DerivativeAnswer(Rendered.Of(f), variable, query.Order, Rendered.Of(derivative), value);
        });
    }

    public static Outcome<GradientAnswer> Gradient(GradientQuery query, EngineLimits limits, CancellationToken cancellation = default)
    {
        if (query.Variables is { Count: var count } && count > limits.MaxVariables)
        {
            return CalcError.LimitExceeded("maxVariables", limits.MaxVariables, $"{count} variables were given; the limit (maxVariables) is {limits.MaxVariables}.");
        }

        return Guarded<GradientAnswer>(limits, cancellation, () =>
        {
            var declared = query.Variables is null ? null : new HashSet<string>(query.Variables);
            var read = Read(query.Expression, limits, declared);
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            var (f, names) = read.Value;
            var variables = query.Variables ?? names;
            if (variables.Count == 0)
            {
                return new CalcError(ErrorKind.InvalidArgument, "No variables",
                    "The expression has no free name, and `variables` names none: there is nothing to take the gradient with respect to.");
            }

            if (variables.Count > limits.MaxVariables)
            {
                return CalcError.LimitExceeded("maxVariables", limits.MaxVariables, $"The expression has {variables.Count} free names; the limit (maxVariables) is {limits.MaxVariables}.");
            }

            var bad = variables.FirstOrDefault(v => !IsName(v));
            if (bad is not null)
            {
                return new CalcError(ErrorKind.InvalidArgument, "Invalid variable", $"Every entry of `variables` must be a name of the language (letters, digits, _), but one is '{bad}'.");
            }

            var duplicate = variables.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                return new CalcError(ErrorKind.InvalidArgument, "Invalid variable", $"'{duplicate.Key}' appears more than once in `variables`.");
            }

            var components = new List<GradientComponent>(variables.Count);
            foreach (var variable in variables)
            {
                var derivative = Differentiator.Differentiate(f, variable);
                CheckResultSize(derivative, limits);
                double? value = null;
                if (query.At is not null)
                {
                    var evaluated = Evaluator.Evaluate(derivative, query.At);
                    if (!evaluated.IsSuccess)
                    {
                        return evaluated.Error;
                    }

                    value = evaluated.Value;
                }

                components.Add(new GradientComponent(variable, Rendered.Of(derivative), value));
            }

            return new GradientAnswer(Rendered.Of(f), components);
        });
    }

    /// <summary>Whether <paramref name="name"/> is a name of the language.</summary>
    public static bool IsName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static void CheckResultSize(Expr result, EngineLimits limits)
    {
        if (result.Size > limits.MaxResultNodes)
        {
            throw new CalcException(CalcError.LimitExceeded("maxResultNodes", limits.MaxResultNodes,
                $"The result would have {(result.Size == long.MaxValue ? "astronomically many" : result.Size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))} nodes when printed; the limit (maxResultNodes) is {limits.MaxResultNodes:N0}. Ask for a lower order or a smaller expression."));
        }
    }

    private static Outcome<T> Guarded<T>(EngineLimits limits, CancellationToken cancellation, Func<Outcome<T>> work)
    {
        using var budget = WorkBudget.Enter(limits, cancellation);
        try
        {
            return work();
        }
        catch (CalcException ex)
        {
            return ex.Error;
        }
        catch (InsufficientExecutionStackException)
        {
            return CalcError.LimitExceeded("maxNestingDepth", limits.MaxNestingDepth,
                "The expression or its derivative nests too deeply to work on (limit maxNestingDepth).");
        }
    }
}
