using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using CalcApi.Domain;
using CalcApi.Domain.Engine;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Errors;

namespace CalcApi.Api.Contracts;

/// <summary>Asks for the Hessian of a scalar function of scalar variables, and optionally its value at a point.</summary>
public sealed record HessianRequest
{
    /// <summary>The function f, in the API's expression language, e.g. <c>x^2*y + sin(y)</c>.</summary>
    [Required(AllowEmptyStrings = true, ErrorMessage = "`expression` is required: the function whose Hessian to take, e.g. \"x^2*y + sin(y)\".")]
    public string? Expression { get; init; }

    /// <summary>
    /// Either the scalar variables, in the order of the Hessian's rows and columns, e.g. <c>["x", "y"]</c> (default: every free name,
    /// in order of first appearance); or, with <c>wrt</c>, the kinds of the names, e.g. <c>{"x": "vector", "A": "matrix"}</c>, as for the matrix gradient.
    /// </summary>
    public JsonElement? Variables { get; init; }

    /// <summary>The one vector variable to take the Hessian with respect to, in closed form (e.g. <c>"x"</c>: A + A' for x'*A*x).</summary>
    public JsonElement? Wrt { get; init; }

    /// <summary>A point, e.g. <c>{"x": 1, "y": 2}</c>: when present, every entry carries <c>value</c>.</summary>
    public JsonElement? At { get; init; }

    /// <summary>Whether the request asks for the closed form with respect to a vector (kinds in <c>variables</c>, or a <c>wrt</c>).</summary>
    public bool IsClosedForm => ClosedFormReader.Asks(Variables, Wrt);

    /// <summary>The engine's query for the closed form with respect to one vector.</summary>
    public Outcome<ClosedFormQuery> ToClosedFormQuery() => ClosedFormReader.Read(Expression!, Variables, Wrt, At);

    /// <summary>The engine's query for scalar variables; a field left out keeps the query's default.</summary>
    public Outcome<HessianQuery> ToQuery() =>
        ScalarVariableList.Read(Variables).Then(variables =>
        ValueReader.Read(At, "at").Map(at =>
        {
            var query = new HessianQuery(Expression!);
            return query with { Variables = variables ?? query.Variables, At = at ?? query.At };
        }));
}

/// <summary>The Hessian: entry (i, j) is ∂²f/∂xᵢ∂xⱼ, rows and columns in the order of <c>variables</c>.</summary>
public sealed record HessianResponse
{
    /// <summary>The input expression as the engine reads it (normalised text in the expression language).</summary>
    public required string Expression { get; init; }

    /// <summary>The input expression exactly as sent.</summary>
    public required string Input { get; init; }

    /// <summary>The input expression in LaTeX.</summary>
    public required string ExpressionLatex { get; init; }

    /// <summary>The input expression in presentation MathML.</summary>
    public required string ExpressionMathml { get; init; }

    /// <summary>The variables, in the order of the rows and columns.</summary>
    public required IReadOnlyList<string> Variables { get; init; }

    /// <summary>Row i, column j: ∂²f/∂xᵢ∂xⱼ. Symmetric: entry (j, i) is entry (i, j), computed once.</summary>
    public required IReadOnlyList<IReadOnlyList<DerivativeEntryResponse>> Hessian { get; init; }

    public static HessianResponse From(HessianAnswer answer, string input) => new()
    {
        Expression = answer.Expression.Text,
        Input = input,
        ExpressionLatex = answer.Expression.Latex,
        ExpressionMathml = answer.Expression.MathML,
        Variables = answer.Variables,
        Hessian = DerivativeEntryResponse.Table(answer.Hessian),
    };
}

/// <summary>One entry of a Hessian or Jacobian: a partial derivative.</summary>
public sealed record DerivativeEntryResponse
{
    /// <summary>The partial derivative as text in the expression language.</summary>
    public required string Expression { get; init; }

    /// <summary>The partial derivative in LaTeX.</summary>
    public required string Latex { get; init; }

    /// <summary>The partial derivative in presentation MathML.</summary>
    public required string Mathml { get; init; }

    /// <summary>The conditions (possibly none) under which this is the true derivative: the real domain of the input as written and of the result.</summary>
    public required IReadOnlyList<ConditionResponse> Conditions { get; init; }

    /// <summary>The entry's value at <c>at</c>; present only when the request gave <c>at</c>.</summary>
    public double? Value { get; init; }

    /// <summary>The rows of entries; an entry the engine shares between two places (a Hessian's mirror) is one response object.</summary>
    public static IReadOnlyList<IReadOnlyList<DerivativeEntryResponse>> Table(IReadOnlyList<IReadOnlyList<DerivativeEntry>> rows)
    {
        var made = new Dictionary<DerivativeEntry, DerivativeEntryResponse>(ReferenceEqualityComparer.Instance);
        return [.. rows.Select(row => (IReadOnlyList<DerivativeEntryResponse>)[.. row.Select(e => From(e, made))])];
    }

    private static DerivativeEntryResponse From(DerivativeEntry entry, Dictionary<DerivativeEntry, DerivativeEntryResponse> made)
    {
        if (!made.TryGetValue(entry, out var response))
        {
            response = new()
            {
                Expression = entry.Derivative.Text,
                Latex = entry.Derivative.Latex,
                Mathml = entry.Derivative.MathML,
                Conditions = ConditionResponse.From(entry.Conditions),
                Value = entry.Value,
            };
            made.Add(entry, response);
        }

        return response;
    }
}

/// <summary>Reads the scalar <c>variables</c> of a Hessian or Jacobian: a list of names.</summary>
public static class ScalarVariableList
{
    public static Outcome<IReadOnlyList<string>?> Read(JsonElement? variables)
    {
        if (variables is { ValueKind: not (JsonValueKind.Array or JsonValueKind.Null) })
        {
            // A field of the wrong JSON type is a 400, as the typed fields' are (contract section 5).
            return new CalcError(ErrorKind.Syntax, "Invalid request field", "`variables` must be an array of strings (scalar names), such as [\"x\", \"y\"].") { Field = "variables" };
        }

        return NameListReader.Read(variables, "variables");
    }
}

/// <summary>Reads a request for a Hessian or Jacobian with respect to one vector: kinds as for the matrix gradient, one name in <c>wrt</c>.</summary>
public static class ClosedFormReader
{
    /// <summary>Kinds in <c>variables</c> (an object) or a <c>wrt</c> ask for the closed form.</summary>
    public static bool Asks(JsonElement? variables, JsonElement? wrt) =>
        variables is { ValueKind: JsonValueKind.Object } || wrt is { ValueKind: not JsonValueKind.Null };

    public static Outcome<ClosedFormQuery> Read(string expression, JsonElement? variables, JsonElement? wrt, JsonElement? at) =>
        (variables is { ValueKind: JsonValueKind.Array } ? Outcome<IReadOnlyDictionary<string, VariableDeclaration>?>.Success(null) : DeclarationReader.Read(variables)).Then(declarations =>
        NameListReader.Read(wrt, "wrt").Then(names =>
        names is [var name]
            ? ValueReader.Read(at, "at").Map(point => new ClosedFormQuery(expression, declarations, name, point))
            : Outcome<ClosedFormQuery>.Failure(new CalcError(ErrorKind.InvalidArgument, "Invalid wrt",
                "`wrt` must name exactly one vector variable, such as \"x\", for a closed-form Hessian or Jacobian.") { Field = "wrt" })));
}
