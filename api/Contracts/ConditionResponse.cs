using CalcApi.Domain.Engine;

namespace CalcApi.Api.Contracts;

/// <summary>
/// A condition under which a result is the true derivative (contract section 5), as an expression of the
/// language with one comparison (<c>x > 0</c>, <c>det(X) != 0</c>), in LaTeX and in MathML.
/// </summary>
public sealed record ConditionResponse
{
    /// <summary>The condition as text: an expression of the language, one comparison (&gt;, &gt;=, &lt;, &lt;=, !=), one side 0 or a number.</summary>
    public required string Text { get; init; }

    /// <summary>The condition in LaTeX (<c>\geq</c>, <c>\neq</c>).</summary>
    public required string Latex { get; init; }

    /// <summary>The condition in presentation MathML.</summary>
    public required string Mathml { get; init; }

    public static IReadOnlyList<ConditionResponse> From(IReadOnlyList<Rendered> conditions) =>
        [.. conditions.Select(c => new ConditionResponse { Text = c.Text, Latex = c.Latex, Mathml = c.MathML })];
}
