using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using CalcApi.Domain;
using CalcApi.Domain.Errors;

namespace CalcApi.Api.Contracts;

/// <summary>Asks for the gradient of a scalar function of scalar variables, and optionally its value at a point.</summary>
public sealed record GradientRequest
{
    /// <summary>The function f, in the API's expression language, e.g. <c>x^2*y + sin(y)</c>.</summary>
    [Required(AllowEmptyStrings = true, ErrorMessage = "`expression` is required: the function whose gradient to take, e.g. \"x^2*y\".")]
    public string? Expression { get; init; }

    /// <summary>The variables to differentiate with respect to, in the order the gradient lists them; defaults to every free name, in order of first appearance.</summary>
    public IReadOnlyList<string>? Variables { get; init; }

    /// <summary>
    /// A point at which to evaluate the gradient: an object mapping every free name to a number, e.g.
    /// <c>{"x": 1, "y": 2}</c>. When present, every component carries <c>value</c>.
    /// </summary>
    public JsonElement? At { get; init; }

    /// <summary>When true, every component also carries <c>steps</c>: the derivation of that partial derivative, one rule per line.</summary>
    public bool? Steps { get; init; }

    /// <summary>With <c>steps</c>: <c>"full"</c> (every rule applied, the default) or <c>"brief"</c> (the trivial rules merged into the next line).</summary>
    public string? Detail { get; init; }

    /// <summary>The engine's query; a field left out keeps the query's default.</summary>
    public Outcome<GradientQuery> ToQuery() =>
        ValueReader.Read(At, "at").Then(at => StepsReader.Read(Steps, Detail).Map(steps =>
        {
            var query = new GradientQuery(Expression!);
            return query with { Variables = Variables ?? query.Variables, At = at ?? query.At, Steps = steps };
        }));
}

/// <summary>The gradient, one component per variable, in the order of the variables.</summary>
public sealed record GradientResponse
{
    /// <summary>The input expression as the engine reads it (normalised text in the expression language).</summary>
    public required string Expression { get; init; }

    /// <summary>The input expression exactly as sent.</summary>
    public required string Input { get; init; }

    /// <summary>The input expression in LaTeX.</summary>
    public required string ExpressionLatex { get; init; }

    /// <summary>The input expression in presentation MathML.</summary>
    public required string ExpressionMathml { get; init; }

    /// <summary>The variables of the gradient, in order (the keys of <c>gradient</c>, for clients whose JSON objects are unordered).</summary>
    public required IReadOnlyList<string> Variables { get; init; }

    /// <summary>The partial derivative with respect to each variable, keyed by the variable's name, in the order of <c>variables</c>.</summary>
    public required OrderedDictionary<string, GradientComponentResponse> Gradient { get; init; }

    public static GradientResponse From(GradientAnswer answer, string input)
    {
        var gradient = ByVariable.Map(answer.Components, c => c.Variable, GradientComponentResponse.From);
        return new()
        {
            Expression = answer.Expression.Text,
            Input = input,
            ExpressionLatex = answer.Expression.Latex,
            ExpressionMathml = answer.Expression.MathML,
            Variables = [.. gradient.Keys],
            Gradient = gradient,
        };
    }
}

/// <summary>One partial derivative ∂f/∂v of a gradient.</summary>
public sealed record GradientComponentResponse
{
    /// <summary>The partial derivative as text in the expression language.</summary>
    public required string Expression { get; init; }

    /// <summary>The partial derivative in LaTeX.</summary>
    public required string Latex { get; init; }

    /// <summary>The partial derivative in presentation MathML.</summary>
    public required string Mathml { get; init; }

    /// <summary>The conditions (possibly none) under which this is the true derivative: the real domain of the input as written and of the result (x > 0 for d/dx log(x), x != 0 for d/dx abs(x)).</summary>
    public required IReadOnlyList<ConditionResponse> Conditions { get; init; }

    /// <summary>The partial derivative's value at <c>at</c>; present only when the request gave <c>at</c>.</summary>
    public double? Value { get; init; }

    /// <summary>The derivation of this partial derivative, present only when the request asked for <c>steps</c>.</summary>
    public IReadOnlyList<StepResponse>? Steps { get; init; }

    public static GradientComponentResponse From(GradientComponent component) => new()
    {
        Expression = component.Derivative.Text,
        Latex = component.Derivative.Latex,
        Mathml = component.Derivative.MathML,
        Conditions = ConditionResponse.From(component.Conditions),
        Value = component.Value,
        Steps = StepResponse.From(component.Steps),
    };
}
