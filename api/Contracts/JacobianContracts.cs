using System.Text.Json;
using CalcApi.Domain;
using CalcApi.Domain.Engine;
using CalcApi.Domain.Errors;

namespace CalcApi.Api.Contracts;

/// <summary>Asks for the Jacobian of scalar functions of scalar variables, and optionally its value at a point.</summary>
public sealed record JacobianRequest
{
    /// <summary>The functions f₁, …, fₘ, one per row of the Jacobian, e.g. <c>["x*y", "x + y"]</c>.</summary>
    public IReadOnlyList<string>? Expressions { get; init; }

    /// <summary>A single vector-valued expression, for the closed-form Jacobian with respect to a vector: not available yet (422 <c>unsupported</c>).</summary>
    public string? Expression { get; init; }

    /// <summary>The scalar variables, in the order of the Jacobian's columns, e.g. <c>["x", "y"]</c>; defaults to every free name, in order of first appearance.</summary>
    public JsonElement? Variables { get; init; }

    /// <summary>A vector variable to take the Jacobian with respect to in closed form: not available yet (422 <c>unsupported</c>).</summary>
    public JsonElement? Wrt { get; init; }

    /// <summary>A point, e.g. <c>{"x": 1, "y": 2}</c>: when present, every entry carries <c>value</c>.</summary>
    public JsonElement? At { get; init; }

    /// <summary>A missing <c>expressions</c> is a 400 like a missing required field; checked here rather than by validation, so that a vector <c>expression</c> is told it is unsupported.</summary>
    private static CalcError Missing { get; } = new(ErrorKind.Syntax, "Missing field",
        "`expressions` is required: the functions whose Jacobian to take, e.g. [\"x*y\", \"x + y\"].") { Field = "expressions" };

    /// <summary>The engine's query; a field left out keeps the query's default.</summary>
    public Outcome<JacobianQuery> ToQuery() =>
        (Expression is null ? Expressions is null ? Missing : ScalarVariableList.Read(Variables, Wrt, "Jacobian")
            : new CalcError(ErrorKind.Unsupported, "Jacobian of a vector expression not supported",
                "`expression` asks for the closed-form Jacobian of one vector-valued expression, which this engine does not take yet. " +
                "Give `expressions` as a list of scalar functions (e.g. [\"x*y\", \"x + y\"]) and `variables` as a list of scalar names.") { Field = "expression" })
        .Then(variables =>
        ValueReader.Read(At, "at").Map(at =>
        {
            var query = new JacobianQuery(Expressions!);
            return query with { Variables = variables ?? query.Variables, At = at ?? query.At };
        }));
}

/// <summary>The Jacobian: entry (i, j) is ∂fᵢ/∂xⱼ, a row per function of <c>expressions</c>, a column per variable of <c>variables</c>.</summary>
public sealed record JacobianResponse
{
    /// <summary>The functions as the engine reads them (normalised text in the expression language).</summary>
    public required IReadOnlyList<string> Expressions { get; init; }

    /// <summary>The variables, in the order of the columns.</summary>
    public required IReadOnlyList<string> Variables { get; init; }

    /// <summary>Row i, column j: ∂fᵢ/∂xⱼ.</summary>
    public required IReadOnlyList<IReadOnlyList<DerivativeEntryResponse>> Jacobian { get; init; }

    public static JacobianResponse From(JacobianAnswer answer) => new()
    {
        Expressions = [.. answer.Expressions.Select(e => e.Text)],
        Variables = answer.Variables,
        Jacobian = DerivativeEntryResponse.Table(answer.Jacobian),
    };
}
