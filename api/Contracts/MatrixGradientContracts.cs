using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using CalcApi.Domain;
using CalcApi.Domain.Errors;

namespace CalcApi.Api.Contracts;

/// <summary>Asks for ∂f/∂X of a scalar function f of scalars, vectors and matrices, and optionally its value at a point.</summary>
public sealed record MatrixGradientRequest
{
    /// <summary>The scalar function f, e.g. <c>(a'*W*b - c)^2</c>. Vectors are columns; <c>a'</c> is a row.</summary>
    [Required(AllowEmptyStrings = true, ErrorMessage = "`expression` is required: the scalar function whose gradient to take, e.g. \"(a'*W*b - c)^2\".")]
    public string? Expression { get; init; }

    /// <summary>
    /// Kinds of the names: <c>{"a": "vector", "W": "matrix", "c": "scalar"}</c>, or the long form
    /// <c>{"kind": "matrix", "rows": "n", "cols": 3, "symmetric": false}</c> / <c>{"shape": [2, 3]}</c>.
    /// A name left out takes its kind from its value in <c>at</c>, or is a scalar.
    /// </summary>
    public JsonElement? Variables { get; init; }

    /// <summary>The variable (a name) or variables (an array of names) to differentiate with respect to; defaults to every vector and matrix variable.</summary>
    public JsonElement? Wrt { get; init; }

    /// <summary>
    /// A point: numbers for scalars, arrays for vectors, arrays of rows for matrices, e.g.
    /// <c>{"a": [1, 2], "W": [[1, 0, 0], [0, 1, 0]], "c": 2}</c>. When present, every gradient carries its <c>value</c>.
    /// </summary>
    public JsonElement? At { get; init; }

    /// <summary>
    /// <c>"denominator"</c> (the default, as the lecture and the Matrix Cookbook write it: ∂f/∂X has the shape of X) or
    /// <c>"numerator"</c> (the transpose: ∂f/∂X has the shape of X', a vector's gradient is a row).
    /// </summary>
    public string? Layout { get; init; }

    /// <summary>
    /// <c>true</c>: each gradient carries <c>steps</c>, its derivation by the lecture's method of differentials (contract
    /// section 6): d(f), one rule per line down to d(X), df = tr(G' d(X)), then ∂f/∂X = G.
    /// </summary>
    public bool? Steps { get; init; }

    /// <summary>With <c>steps</c>: how much of the derivation to show (<c>"full"</c> or <c>"brief"</c>).</summary>
    public string? Detail { get; init; }

    /// <summary>The engine's query, reading <c>variables</c>, <c>wrt</c>, <c>at</c> and <c>layout</c> in that order; a field left out keeps the query's default.</summary>
    public Outcome<MatrixGradientQuery> ToQuery() =>
        StepsReader.Read(Steps, Detail).Then(steps =>
        DeclarationReader.Read(Variables).Then(variables =>
        NameListReader.Read(Wrt, "wrt").Then(wrt =>
        ValueReader.Read(At, "at").Then(at =>
        LayoutReader.Read(Layout).Map(layout =>
        {
            var query = new MatrixGradientQuery(Expression!);
            return query with { Variables = variables ?? query.Variables, Wrt = wrt ?? query.Wrt, At = at ?? query.At, Layout = layout ?? query.Layout, Steps = steps };
        })))));
}

/// <summary>The gradients, one per variable of <c>wrt</c>, each with the shape of its variable.</summary>
public sealed record MatrixGradientResponse
{
    /// <summary>The input expression as the engine reads it (normalised text in the expression language).</summary>
    public required string Expression { get; init; }

    /// <summary>The input expression exactly as sent.</summary>
    public required string Input { get; init; }

    /// <summary>The input expression in LaTeX.</summary>
    public required string ExpressionLatex { get; init; }

    /// <summary>The input expression in presentation MathML.</summary>
    public required string ExpressionMathml { get; init; }

    /// <summary>The value of f at <c>at</c>; present only when the request gave <c>at</c>.</summary>
    public double? Value { get; init; }

    /// <summary>The variables differentiated with respect to, in order (the keys of <c>gradients</c>).</summary>
    public required IReadOnlyList<string> Wrt { get; init; }

    /// <summary>∂f/∂X for each variable X of <c>wrt</c>.</summary>
    public required OrderedDictionary<string, MatrixGradientComponentResponse> Gradients { get; init; }

    /// <summary>The layout of the gradients: <c>"denominator"</c> (the shape of X, the default) or <c>"numerator"</c> (the shape of X').</summary>
    public required string Layout { get; init; }

    /// <summary>How the layout used relates to the other one, in a sentence.</summary>
    public required string LayoutNote { get; init; }

    public static MatrixGradientResponse From(MatrixGradientAnswer answer, string input)
    {
        var gradients = ByVariable.Map(answer.Gradients, g => g.Variable, MatrixGradientComponentResponse.From);
        return new()
        {
            Expression = answer.Expression.Text,
            Input = input,
            ExpressionLatex = answer.Expression.Latex,
            ExpressionMathml = answer.Expression.MathML,
            Value = answer.Value,
            Wrt = [.. gradients.Keys],
            Gradients = gradients,
            Layout = LayoutReader.Name(answer.Layout),
            LayoutNote = LayoutReader.Note(answer.Layout),
        };
    }
}

/// <summary>One gradient ∂f/∂X, in closed form, with the shape of X.</summary>
public sealed record MatrixGradientComponentResponse
{
    /// <summary>The gradient as text in the expression language (a matrix expression, not per-entry formulas).</summary>
    public required string Expression { get; init; }

    /// <summary>The gradient in LaTeX (<c>^\top</c>, <c>\operatorname{tr}</c>, <c>\det</c>, <c>^{-1}</c>, <c>\odot</c>).</summary>
    public required string Latex { get; init; }

    /// <summary>The gradient in presentation MathML.</summary>
    public required string Mathml { get; init; }

    /// <summary>The shape of X (and of its gradient) as [rows, cols]: numbers where known, size names (n, rows(W)) where not.</summary>
    public required IReadOnlyList<JsonNode> Shape { get; init; }

    /// <summary>"scalar", "vector" or "matrix": the kind X is declared as (or its value in <c>at</c> implies), whatever its sizes.</summary>
    public required string Kind { get; init; }

    /// <summary>True when X is a symmetric matrix: the gradient is then taken within symmetric matrices, (G + G')/2 of the unconstrained G.</summary>
    public bool? Symmetric { get; init; }

    /// <summary>The conditions (possibly none) under which this is the true derivative: the real domain of the input as written and of the result (x > 0 for d/dx log(x), x != 0 for d/dx abs(x)).</summary>
    public required IReadOnlyList<ConditionResponse> Conditions { get; init; }

    /// <summary>The gradient's value at <c>at</c>, shaped like X: a number, an array (vector) or an array of rows (matrix), whatever the sizes ([v] for a vector of length 1, [[v]] for a 1×1 matrix).</summary>
    public JsonNode? Value { get; init; }

    /// <summary>With <c>"steps": true</c>: the derivation by the method of differentials, each line with its <c>form</c> (<c>differential</c>, then <c>gradient</c>), in denominator layout.</summary>
    public IReadOnlyList<StepResponse>? Steps { get; init; }

    public static MatrixGradientComponentResponse From(MatrixGradientComponent g) => new()
    {
        Expression = g.Gradient.Text,
        Latex = g.Gradient.Latex,
        Mathml = g.Gradient.MathML,
        Shape = ShapeWriter.ToJson(g.Shape),
        Kind = g.Kind.ToString().ToLowerInvariant(),
        Symmetric = g.Symmetric ? true : null,
        Conditions = ConditionResponse.From(g.Conditions),
        Value = g.Value is { } value ? ValueWriter.ToJson(value) : null,
        Steps = StepResponse.From(g.Steps),
    };
}
