using System.Text.Json.Nodes;
using CalcApi.Domain.Engine;

namespace CalcApi.Api.Contracts;

/// <summary>A Hessian or Jacobian with respect to one vector variable, in closed form.</summary>
public sealed record ClosedFormResponse
{
    /// <summary>The input expression as the engine reads it (normalised text in the expression language).</summary>
    public required string Expression { get; init; }

    /// <summary>The input expression exactly as sent.</summary>
    public required string Input { get; init; }

    /// <summary>The vector variable differentiated with respect to.</summary>
    public required string Wrt { get; init; }

    /// <summary>The Hessian (for POST /api/hessian) or the Jacobian (for POST /api/jacobian); the other is absent.</summary>
    public ClosedFormMatrixResponse? Hessian { get; init; }

    /// <summary>The Jacobian J[i][j] = ∂gᵢ/∂xⱼ, m×n (POST /api/jacobian only); in denominator layout its transpose J', n×m.</summary>
    public ClosedFormMatrixResponse? Jacobian { get; init; }

    /// <summary>The layout of <c>jacobian</c> (POST /api/jacobian only): <c>"numerator"</c> (J, m×n, the default) or <c>"denominator"</c> (J', n×m).</summary>
    public string? Layout { get; init; }

    /// <summary>How the layout used relates to the other one, in a sentence or two (POST /api/jacobian only).</summary>
    public string? LayoutNote { get; init; }

    public static ClosedFormResponse FromHessian(ClosedFormAnswer answer, string input) =>
        new() { Expression = answer.Expression.Text, Input = input, Wrt = answer.Wrt, Hessian = ClosedFormMatrixResponse.From(answer) };

    public static ClosedFormResponse FromJacobian(ClosedFormAnswer answer, string input) => new()
    {
        Expression = answer.Expression.Text,
        Input = input,
        Wrt = answer.Wrt,
        Jacobian = ClosedFormMatrixResponse.From(answer),
        Layout = LayoutReader.Name(answer.Layout),
        LayoutNote = LayoutReader.JacobianNote(answer.Layout),
    };
}

/// <summary>One matrix in closed form, the way the Matrix Cookbook writes it: A + A' for x'*A*x.</summary>
public sealed record ClosedFormMatrixResponse
{
    /// <summary>The matrix as text in the expression language.</summary>
    public required string Expression { get; init; }

    /// <summary>The matrix in LaTeX.</summary>
    public required string Latex { get; init; }

    /// <summary>The matrix in presentation MathML.</summary>
    public required string Mathml { get; init; }

    /// <summary>The shape as [rows, cols]: numbers where known, size names (len(x), rows(W)) where not.</summary>
    public required IReadOnlyList<JsonNode> Shape { get; init; }

    /// <summary>The conditions (possibly none) under which this is the true derivative.</summary>
    public required IReadOnlyList<ConditionResponse> Conditions { get; init; }

    /// <summary>The matrix at <c>at</c>, an array of rows; present only when the request gave <c>at</c>.</summary>
    public JsonNode? Value { get; init; }

    public static ClosedFormMatrixResponse From(ClosedFormAnswer answer) => new()
    {
        Expression = answer.Result.Text,
        Latex = answer.Result.Latex,
        Mathml = answer.Result.MathML,
        Shape = ShapeWriter.ToJson(answer.Shape),
        Conditions = ConditionResponse.From(answer.Conditions),
        Value = answer.Value is { } value ? ValueWriter.ToJson(value) : null,
    };
}
