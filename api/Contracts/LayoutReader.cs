using CalcApi.Domain.Errors;

namespace CalcApi.Api.Contracts;

/// <summary>The <c>layout</c> field: the two conventions for the derivative of a scalar by a vector or matrix, and of a vector by a vector (the Jacobian).</summary>
public static class LayoutReader
{
    /// <summary>The layouts by name, as the field takes them and the response writes them.</summary>
    public static readonly IReadOnlyList<string> Names = ["denominator", "numerator"];

    /// <summary>The layout named by <paramref name="layout"/>; null (the query's default) when it is left out.</summary>
    public static Outcome<GradientLayout?> Read(string? layout) => layout switch
    {
        null => (GradientLayout?)null,
        "denominator" => GradientLayout.Denominator,
        "numerator" => GradientLayout.Numerator,
        _ => new CalcError(ErrorKind.InvalidArgument, "Unknown layout",
            $"`layout` must be one of {string.Join(", ", Names)}, but it is '{layout}'.") { Field = "layout" },
    };

    public static string Name(GradientLayout layout) => layout == GradientLayout.Numerator ? "numerator" : "denominator";

    /// <summary>How the layout used relates to the other, for a reader who met the other one first.</summary>
    public static string Note(GradientLayout layout) => layout == GradientLayout.Numerator
        ? "Numerator layout: each gradient is the transpose of the denominator-layout one and has the shape of X' (the gradient with respect to a column vector is a row). Leave out layout for the lecture's denominator layout."
        : "Denominator layout (the lecture's and the Matrix Cookbook's): each gradient has the shape of its variable X. Numerator layout (\"layout\": \"numerator\") gives the transpose, with the shape of X'.";

    /// <summary>
    /// How a Jacobian in the layout used relates to the other. The Jacobian's default is the other way round from the
    /// gradient's: the contract writes J in numerator layout (m×n), which students meeting the lecture's denominator
    /// layout most often ask about.
    /// </summary>
    public static string JacobianNote(GradientLayout layout) => layout == GradientLayout.Numerator
        ? "Numerator layout (the default for the Jacobian): J is m×n, J[i][j] = ∂fᵢ/∂xⱼ, so row i is the gradient of fᵢ, transposed. The lecture's denominator layout (\"layout\": \"denominator\") gives the transpose, n×m, in which ∂(A*x)/∂x = A' and column i is the gradient of fᵢ, consistent with /api/matrix-gradient, whose gradients have the shape of their variable."
        : "Denominator layout (the lecture's, as /api/matrix-gradient's gradients have the shape of their variable): the transpose of the Jacobian, n×m, entry [j][i] = ∂fᵢ/∂xⱼ, so column i is the gradient of fᵢ and ∂(A*x)/∂x = A'. Numerator layout (the default, or \"layout\": \"numerator\") gives J itself, m×n, J[i][j] = ∂fᵢ/∂xⱼ.";
}
