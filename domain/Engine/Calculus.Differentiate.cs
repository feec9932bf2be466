using CalcApi.Domain.Binding;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;

namespace CalcApi.Domain.Engine;

/// <summary>d^n f / dx^n, asked for in the contract's terms. <see cref="At"/> may give vectors and matrices (det(I + t*M)).</summary>
public sealed record DerivativeQuery(string Expression, string? Variable = null, int Order = 1, IReadOnlyDictionary<string, Value>? At = null)
{
    /// <summary>
    /// A mixed partial instead: the names to differentiate by, in order (["x", "y"] is ∂²f/∂y∂x, d/dx first).
    /// When given, <see cref="Variable"/> is not used and <see cref="Order"/> must be the list's length, so that
    /// d^n f / dx^n and the list [x, …, x] are one question with one answer.
    /// </summary>
    public IReadOnlyList<string>? Variables { get; init; }

    /// <summary>Whether to answer the derivation too (contract section 6), and how much of it; null: no steps, nothing recorded.</summary>
    public Steps.StepDetail? Steps { get; init; }
}

/// <summary>A line of a derivation as the front door answers it: the rule, its sentence, the line in three forms, and the order it belongs to.</summary>
public sealed record RenderedStep(string Rule, string Explanation, Rendered Expression, int Order)
{
    /// <summary>The identity used, where one is cited (the Matrix Cookbook's equation for matrix steps).</summary>
    public string? Reference { get; init; }

    /// <summary>For matrix lines: <c>differential</c> or <c>gradient</c> (contract section 6); null for scalar lines.</summary>
    public string? Form { get; init; }
}

public sealed record DerivativeAnswer(Rendered Expression, string Variable, int Order, Rendered Derivative, double? Value)
{
    /// <summary>The names of a mixed partial, in the order differentiated by, when the query gave a list; null otherwise (<see cref="Variable"/> is then the one variable).</summary>
    public IReadOnlyList<string>? Variables { get; init; }

    /// <summary>The conditions under which the derivative is the true one (contract section 5): x > 0 for d/dx log(x).</summary>
    public IReadOnlyList<Rendered> Conditions { get; init; } = [];

    /// <summary>The derivation, line by line, when the query asked for it (<see cref="DerivativeQuery.Steps"/>).</summary>
    public IReadOnlyList<RenderedStep>? Steps { get; init; }
}

public static partial class Calculus
{
    public static Outcome<DerivativeAnswer> Differentiate(DerivativeQuery query, EngineLimits limits, CancellationToken cancellation = default)
    {
        if (query.Variables is { } list)
        {
            if (InvalidMixedPartial(list, query.Order, limits) is { } invalid)
            {
                return invalid;
            }
        }
        else if (query.Order < 1 || query.Order > limits.MaxOrder)
        {
            return query.Order < 1
                ? new CalcError(ErrorKind.InvalidArgument, "Invalid order", $"order must be at least 1, but it is {query.Order}.") { Field = "order" }
                : CalcError.LimitExceeded("maxOrder", limits.MaxOrder, $"order is {query.Order}; the limit (maxOrder) is {limits.MaxOrder}.") with { Field = "order" };
        }
        else if (query.Variable is not null && !IsName(query.Variable))
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid variable", $"`variable` must be a name of the language (letters, digits, _), but it is '{query.Variable}'.") { Field = "variable" };
        }

        if (ValueForReservedName(query.At, "at", NamedVariables(query)) is { } reserved)
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

            // d^n f / dx^n is the list [x, …, x]: one path for both forms.
            var sequence = query.Variables ?? [.. Enumerable.Repeat(variable, query.Order)];
            var derived = DifferentiateWithinLimits(f, sequence, limits);
            if (!derived.IsSuccess)
            {
                return derived.Error;
            }

            // In the answer's form (lowest terms, common factors, standard forms), keeping what cancelled factors excluded
            // among the conditions. The value is still that of the formula as differentiated, so that a point where only
            // the cancelled form is defined is refused as before.
            var (derivative, cancelled) = Simplification.Forms.Answer(derived.Value, cancellation);

            if (TooLarge(derivative, limits) is { } tooLarge)
            {
                return tooLarge;
            }

            var value = query.At is null ? null : EvaluateDerivative(derived.Value, query.At);
            if (value is { IsSuccess: false })
            {
                return value.Error;
            }

            IReadOnlyList<RenderedStep>? steps = null;
            if (query.Steps is { } detail)
            {
                var derivation = Steps.ScalarDerivation.Of(f, sequence, detail, style, limits.MaxResultNodes);
                if (!derivation.IsSuccess)
                {
                    return derivation.Error;
                }

                steps = RenderedSteps(EndingAt(derivation.Value, derivative), style);
            }

            return new DerivativeAnswer(Rendered.Of(f, style), variable, sequence.Count, Rendered.Of(derivative, style), value?.Value)
            {
                Variables = query.Variables,
                Conditions = ConditionsOf(function, derived.Value, cancelled, derivative, style),
                Steps = steps,
            };
        });
    }

    /// <summary>
    /// The conditions of a derivative put in lowest terms: those of the input as written, those the cancelled factors
    /// imposed (<see cref="Simplification.Cancelled.Kept"/>), and the result's own but those the others imply
    /// (1 - x^2 != 0 beside 1 - x != 0 and (x + 1)/(1 - x) > 0). An answer that was not cancelled has its conditions as before.
    /// </summary>
    /// <param name="derivative">The derivative as differentiated, before cancelling.</param>
    /// <param name="answer">The answer given: the cancelled form with its standard forms recognised (which keep the domain).</param>
    private static IReadOnlyList<Rendered> ConditionsOf(BoundTree function, Expressions.Expr derivative, Simplification.Cancelled cancelled, Expressions.Expr answer, PrintStyle style)
    {
        if (ReferenceEquals(cancelled.Result, derivative))
        {
            return ConditionsOf(function, answer, style);
        }

        var conditions = new List<Expressions.Condition>(function.Conditions);
        Expressions.DomainConditions.Add(conditions, cancelled.Kept);
        var known = conditions.ToList();
        Expressions.DomainConditions.Add(conditions, [.. Expressions.DomainConditions.Within(answer).Where(c => !Simplification.Cancel.FollowsFrom(c, known))]);
        return [.. conditions.Select(c => Rendered.Of(c, style))];
    }

    /// <summary>The lines of a derivation in the three forms each response carries.</summary>
    internal static IReadOnlyList<RenderedStep> RenderedSteps(IReadOnlyList<Steps.StepLine> lines, PrintStyle style) =>
        [.. lines.Select(l => new RenderedStep(l.Rule, l.Explanation, Engine.Rendered.Of(l.Expression, style), l.Order) { Form = l.Form, Reference = l.Reference })];

    /// <summary>
    /// The derivation with one more line, <c>simplify</c>, where the answer is written with standard forms the
    /// derivation's own last line does not use (sigmoid for exp(v)/(exp(v) + 1)), so that the last line is the answer
    /// (contract section 6).
    /// </summary>
    internal static IReadOnlyList<Steps.StepLine> EndingAt(IReadOnlyList<Steps.StepLine> lines, Expressions.Expr answer, string? form = null) =>
        lines.Count == 0 || lines[^1].Expression.Equals(answer) ? lines
        : [.. lines, new Steps.StepLine("simplify",
            "Write the standard forms: exp(v)/(exp(v) + 1) = sigmoid(v), log(1 + exp(v)) = softplus(v), and sigmoid(-v) = 1 - sigmoid(v) where multiplying out then cancels.",
            answer, lines[^1].Order) { Form = form }];

    /// <summary>
    /// The list of a mixed partial, checked before anything is read: at least one name, every entry a name, an order
    /// that agrees with it (a mismatch is a mistake to point out, not something to guess about), and no longer than
    /// maxOrder, since a list of k names is a derivative of order k and costs what order k costs.
    /// </summary>
    private static CalcError? InvalidMixedPartial(IReadOnlyList<string> variables, int order, EngineLimits limits)
    {
        if (variables.Count == 0)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid variable",
                "`variable` is an empty list; name the variables to differentiate by, in order, such as [\"x\", \"y\"] for the mixed partial d/dy d/dx.") { Field = "variable" };
        }

        for (var i = 0; i < variables.Count; i++)
        {
            if (!IsName(variables[i]))
            {
                return new CalcError(ErrorKind.InvalidArgument, "Invalid variable",
                    $"`variable[{i}]` is '{variables[i]}', which is not a name of the language (letters, digits, _).") { Field = "variable" };
            }
        }

        if (order != variables.Count)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Order does not match the variables",
                $"`order` is {order}, but `variable` lists {variables.Count} name{(variables.Count == 1 ? "" : "s")}: with a list, the order is its length. Leave `order` out or make it {variables.Count}.") { Field = "order" };
        }

        return variables.Count > limits.MaxOrder
            ? CalcError.LimitExceeded("maxOrder", limits.MaxOrder,
                $"`variable` lists {variables.Count} names, a derivative of order {variables.Count}; the limit (maxOrder) is {limits.MaxOrder}.") with { Field = "variable" }
            : null;
    }

    /// <summary>The names the query says are variables: those of the list, or the one variable, or none (the expression's lone name is then found by reading it).</summary>
    private static IReadOnlyList<string> NamedVariables(DerivativeQuery query) =>
        query.Variables is { } list ? [.. list.Distinct(StringComparer.Ordinal)]
        : query.Variable is { } variable ? [variable]
        : [];

    /// <summary>The function to differentiate, read under the scalars of `at`, and the variable (the lone free scalar name when none is given; a mixed partial's first name).</summary>
    private static Outcome<(BoundTree Function, string Variable, PrintStyle Style)> ReadDerivative(DerivativeQuery query, EngineLimits limits)
    {
        var scalars = ScalarVariables(query.At, NamedVariables(query), "the derivative here is with respect to a scalar", limits);
        var read = ReadScalarFunction(query.Expression, scalars, limits);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        var ((_, names, _, logSpelling), declarations) = read.Value;
        var style = new PrintStyle(logSpelling);
        if ((query.Variables is { Count: > 0 } list ? list[0] : query.Variable) is { } variable)
        {
            return (read.Value.Function, variable, style);
        }

        var scalarNames = ScalarNames(names, declarations);
        if (scalarNames.Count != 1)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Variable required",
                scalarNames.Count == 0
                    ? "The expression has no free scalar name; say which variable to differentiate with respect to in `variable`."
                    : $"The expression has {scalarNames.Count} free names ({string.Join(", ", scalarNames)}); say which one to differentiate with respect to in `variable`.") { Field = "variable" };
        }

        return (read.Value.Function, scalarNames[0], style);
    }
}
