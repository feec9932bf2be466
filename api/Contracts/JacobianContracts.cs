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

    /// <summary>Instead of <c>expressions</c>: one vector-valued expression g, e.g. <c>sigmoid(W*x)</c>, whose Jacobian with respect to the vector <c>wrt</c> is answered in closed form.</summary>
    public string? Expression { get; init; }

    /// <summary>
    /// With <c>expressions</c>: the scalar variables, in the order of the Jacobian's columns, e.g. <c>["x", "y"]</c> (default: every free name, in order of first appearance).
    /// With <c>expression</c>: the kinds of the names, e.g. <c>{"W": "matrix", "x": "vector"}</c>.
    /// </summary>
    public JsonElement? Variables { get; init; }

    /// <summary>With <c>expression</c>: the one vector variable to differentiate with respect to, e.g. <c>"x"</c>.</summary>
    public JsonElement? Wrt { get; init; }

    /// <summary>A point, e.g. <c>{"x": 1, "y": 2}</c>: when present, every entry carries <c>value</c>.</summary>
    public JsonElement? At { get; init; }

    /// <summary>
    /// <c>"numerator"</c> (the default: J is m×n, J[i][j] = ∂fᵢ/∂xⱼ, a row per function) or <c>"denominator"</c>
    /// (the lecture's layout: the transpose, n×m, a row per variable, so that ∂(A*x)/∂x = A').
    /// </summary>
    public string? Layout { get; init; }

    /// <summary>A missing <c>expressions</c> is a 400 like a missing required field; checked here rather than by validation, since <c>expression</c> may stand instead.</summary>
    private static CalcError Missing { get; } = new(ErrorKind.Syntax, "Missing field",
        "`expressions` is required: the functions whose Jacobian to take, e.g. [\"x*y\", \"x + y\"] (or `expression` with `wrt`, for one vector function).") { Field = "expressions" };

    /// <summary>Whether the request asks for the closed form of one vector expression (<c>expression</c> rather than <c>expressions</c>).</summary>
    public bool IsClosedForm => Expression is not null;

    /// <summary>The engine's query for the closed form with respect to one vector.</summary>
    public Outcome<ClosedFormQuery> ToClosedFormQuery() =>
        Expressions is not null
            ? new CalcError(ErrorKind.InvalidArgument, "Both expression and expressions", "Give either `expression` (one vector function, with `wrt`) or `expressions` (scalar functions), not both.") { Field = "expression" }
            : Wrt is not { ValueKind: not JsonValueKind.Null }
                ? new CalcError(ErrorKind.InvalidArgument, "Missing wrt", "`expression` asks for the closed-form Jacobian of a vector function: name the vector variable in `wrt`, e.g. \"x\".") { Field = "wrt" }
                : ClosedFormReader.Read(Expression!, Variables, Wrt, At).Then(query =>
                    LayoutReader.Read(Layout).Map(layout => query with { Layout = layout ?? query.Layout }));

    /// <summary>The engine's query for scalar functions; a field left out keeps the query's default.</summary>
    public Outcome<JacobianQuery> ToQuery() =>
        (Expressions is null ? Missing : ScalarVariableList.Read(Variables))
        .Then(variables =>
        ValueReader.Read(At, "at").Then(at =>
        LayoutReader.Read(Layout).Map(layout =>
        {
            var query = new JacobianQuery(Expressions!);
            return query with { Variables = variables ?? query.Variables, At = at ?? query.At, Layout = layout ?? query.Layout };
        })));
}

/// <summary>
/// The Jacobian: entry (i, j) is ∂fᵢ/∂xⱼ, a row per function of <c>expressions</c>, a column per variable of <c>variables</c>
/// (numerator layout, the default); in denominator layout its transpose, a row per variable and a column per function.
/// </summary>
public sealed record JacobianResponse
{
    /// <summary>The functions as the engine reads them (normalised text in the expression language).</summary>
    public required IReadOnlyList<string> Expressions { get; init; }

    /// <summary>The variables, in the order of the columns (the rows, in denominator layout).</summary>
    public required IReadOnlyList<string> Variables { get; init; }

    /// <summary>Numerator layout: row i, column j is ∂fᵢ/∂xⱼ. Denominator layout: row j, column i is ∂fᵢ/∂xⱼ.</summary>
    public required IReadOnlyList<IReadOnlyList<DerivativeEntryResponse>> Jacobian { get; init; }

    /// <summary>The layout of <c>jacobian</c>: <c>"numerator"</c> (m×n, a row per function, the default) or <c>"denominator"</c> (n×m, a row per variable).</summary>
    public required string Layout { get; init; }

    /// <summary>How the layout used relates to the other one, in a sentence or two.</summary>
    public required string LayoutNote { get; init; }

    public static JacobianResponse From(JacobianAnswer answer) => new()
    {
        Expressions = [.. answer.Expressions.Select(e => e.Text)],
        Variables = answer.Variables,
        Jacobian = DerivativeEntryResponse.Table(answer.Jacobian),
        Layout = LayoutReader.Name(answer.Layout),
        LayoutNote = LayoutReader.JacobianNote(answer.Layout),
    };
}
