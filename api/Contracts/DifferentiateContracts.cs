using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using CalcApi.Domain;
using CalcApi.Domain.Errors;

namespace CalcApi.Api.Contracts;

/// <summary>Asks for the derivative d^n f / dx^n, or a mixed partial such as ∂²f/∂y∂x, of a scalar expression, and optionally its value at a point.</summary>
public sealed record DifferentiateRequest
{
    /// <summary>The expression f, in the API's expression language, e.g. <c>exp(cos(x^2))</c>.</summary>
    [Required(AllowEmptyStrings = true, ErrorMessage = "`expression` is required: the expression to differentiate, e.g. \"x^2\".")]
    public string? Expression { get; init; }

    /// <summary>
    /// The variable x to differentiate with respect to (may be omitted when the expression has exactly one free name),
    /// or a list of names to differentiate by in turn, first to last: <c>["x", "y"]</c> is the mixed partial ∂²f/∂y∂x.
    /// </summary>
    public JsonElement? Variable { get; init; }

    /// <summary>The order n of the derivative, from 1 to the server's maxOrder limit; defaults to 1, or to the length of a list in <c>variable</c> (which it must then equal).</summary>
    public int? Order { get; init; }

    /// <summary>
    /// A point at which to evaluate the derivative: an object mapping every free name of the derivative to a
    /// number, e.g. <c>{"x": 0.5}</c>. When present, the response carries <c>value</c>.
    /// </summary>
    public JsonElement? At { get; init; }

    /// <summary>When true, the response also carries <c>steps</c>: the derivation, one rule per line, from diff(f, x) to the answer.</summary>
    public bool? Steps { get; init; }

    /// <summary>With <c>steps</c>: <c>"full"</c> (every rule applied, the default) or <c>"brief"</c> (the trivial rules, constant, variable, sum and constant factor, merged into the next line).</summary>
    public string? Detail { get; init; }

    /// <summary>The engine's query; a field left out keeps the query's default.</summary>
    public Outcome<DerivativeQuery> ToQuery() =>
        DerivativeVariableReader.Read(Variable).Then(variable => ValueReader.Read(At, "at").Then(at => StepsReader.Read(Steps, Detail).Map(steps =>
        {
            var query = new DerivativeQuery(Expression!);
            return query with
            {
                Variable = variable.Name ?? query.Variable,
                Variables = variable.Names,
                Order = Order ?? variable.Names?.Count ?? query.Order,
                At = at ?? query.At,
                Steps = steps,
            };
        })));

    /// <summary>The order asked for, as far as the request alone says: <c>order</c>, else the length of a list in <c>variable</c>, else 1.</summary>
    public int OrderAsked() => Order ?? DerivativeVariableReader.ListLength(Variable) ?? 1;
}

/// <summary>The derivative, in the three forms every expression comes in, and its value where a point was given.</summary>
public sealed record DifferentiateResponse
{
    /// <summary>The input expression as the engine reads it (normalised text in the expression language).</summary>
    public required string Expression { get; init; }

    /// <summary>The input expression exactly as sent.</summary>
    public required string Input { get; init; }

    /// <summary>The input expression in LaTeX.</summary>
    public required string ExpressionLatex { get; init; }

    /// <summary>The input expression in presentation MathML.</summary>
    public required string ExpressionMathml { get; init; }

    /// <summary>
    /// The variable the derivative is taken with respect to (the one given, or the expression's only free name), or,
    /// for a mixed partial, the list of names as sent (a string stays a string, a list a list).
    /// </summary>
    public required JsonElement Variable { get; init; }

    /// <summary>The order of the derivative (for a mixed partial, the length of the list).</summary>
    public required int Order { get; init; }

    /// <summary>The derivative as text in the expression language; it parses back to the same expression.</summary>
    public required string Derivative { get; init; }

    /// <summary>The derivative in LaTeX.</summary>
    public required string Latex { get; init; }

    /// <summary>The derivative in presentation MathML.</summary>
    public required string Mathml { get; init; }

    /// <summary>The conditions (possibly none) under which this is the true derivative: the real domain of the input as written and of the result (x > 0 for d/dx log(x), x != 0 for d/dx abs(x)).</summary>
    public required IReadOnlyList<ConditionResponse> Conditions { get; init; }

    /// <summary>The derivative's value at <c>at</c>; present only when the request gave <c>at</c>.</summary>
    public double? Value { get; init; }

    /// <summary>The derivation, present only when the request asked for <c>steps</c>: the first line diff(f, x), the last the answer's <c>derivative</c>.</summary>
    public IReadOnlyList<StepResponse>? Steps { get; init; }

    public static DifferentiateResponse From(DerivativeAnswer answer, string input) => new()
    {
        Expression = answer.Expression.Text,
        Input = input,
        ExpressionLatex = answer.Expression.Latex,
        ExpressionMathml = answer.Expression.MathML,
        Variable = answer.Variables is { } names ? JsonSerializer.SerializeToElement(names) : JsonSerializer.SerializeToElement(answer.Variable),
        Order = answer.Order,
        Derivative = answer.Derivative.Text,
        Latex = answer.Derivative.Latex,
        Mathml = answer.Derivative.MathML,
        Conditions = ConditionResponse.From(answer.Conditions),
        Value = answer.Value,
        Steps = StepResponse.From(answer.Steps),
    };
}
