using CalcApi.Api.Configuration;
using CalcApi.Api.Contracts;
using CalcApi.Api.Errors;
using CalcApi.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalcApi.Api.Endpoints;

/// <summary>Hessians and Jacobians of scalar functions of scalar variables: each endpoint is one engine call.</summary>
public static class SecondOrderEndpoints
{
    public const string HessianName = "Hessian";
    public const string JacobianName = "Jacobian";

    public static IEndpointRouteBuilder MapSecondOrder(this IEndpointRouteBuilder app)
    {
        var api = app.MapCalculations("Second order");

        api.MapPost(Routes.Hessian, Hessian)
            .WithName(HessianName)
            .WithSummary("∇²f of a scalar function of scalar variables")
            .WithDescription("Takes ∂²f/∂xᵢ∂xⱼ of `expression` for every pair of `variables` (default: every free name, in order of first appearance). " +
                             "Each entry comes as text, LaTeX and MathML with its conditions; with `at`, also its value there. The matrix is symmetric by construction: " +
                             "entry (j, i) is entry (i, j). The closed form with respect to a vector (`variables` as kinds, `wrt`) is refused as unsupported.");

        api.MapPost(Routes.Jacobian, Jacobian)
            .WithName(JacobianName)
            .WithSummary("The Jacobian of scalar functions of scalar variables")
            .WithDescription("Takes ∂fᵢ/∂xⱼ of each of `expressions` (a row each) with respect to each of `variables` (a column each; default: every free name, in order of first appearance). " +
                             "Each entry comes as text, LaTeX and MathML with its conditions; with `at`, also its value there. " +
                             "A single vector-valued `expression` (the closed form with respect to a vector) is refused as unsupported.");

        return app;
    }

    public static Results<Ok<HessianResponse>, ProblemHttpResult> Hessian(
        HessianRequest request, CalculationBudget budget, CancellationToken requestAborted) =>
        budget.Run(request.ToQuery(), Calculus.Hessian, requestAborted)
            .OkOrProblem(answer => HessianResponse.From(answer, request.Expression!), request.Expression, budget.Limits);

    public static Results<Ok<JacobianResponse>, ProblemHttpResult> Jacobian(
        JacobianRequest request, CalculationBudget budget, CancellationToken requestAborted)
    {
        var outcome = budget.Run(request.ToQuery(), Calculus.Jacobian, requestAborted);
        return outcome.OkOrProblem(JacobianResponse.From, Echoed(request, outcome.Error?.Field), budget.Limits);
    }

    /// <summary>The expression a problem echoes: the one of <c>expressions</c> its field names (<c>expressions[1]</c>), if any.</summary>
    private static string? Echoed(JacobianRequest request, string? field)
    {
        const string prefix = "expressions[";
        if (field is null || !field.StartsWith(prefix, StringComparison.Ordinal) || request.Expressions is not { } expressions)
        {
            return request.Expression;
        }

        return int.TryParse(field.AsSpan(prefix.Length, field.Length - prefix.Length - 1), out var i) && i >= 0 && i < expressions.Count ? expressions[i] : null;
    }
}
