using CalcApi.Api.Configuration;
using CalcApi.Api.Contracts;
using CalcApi.Api.Errors;
using CalcApi.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalcApi.Api.Endpoints;

/// <summary>Hessians and Jacobians: tables of partial derivatives for scalar variables, closed forms for one vector variable.</summary>
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
                             "entry (j, i) is entry (i, j). " +
                             "With `variables` as kinds and one vector in `wrt`, the Hessian comes in closed form as the Matrix Cookbook writes it (x'*A*x gives A + A', norm(A*x - b)^2 gives 2*A'*A), with its shape and, with `at`, its value.");

        api.MapPost(Routes.Jacobian, Jacobian)
            .WithName(JacobianName)
            .WithSummary("The Jacobian of scalar functions of scalar variables")
            .WithDescription("Takes ∂fᵢ/∂xⱼ of each of `expressions` (a row each) with respect to each of `variables` (a column each; default: every free name, in order of first appearance). " +
                             "Each entry comes as text, LaTeX and MathML with its conditions; with `at`, also its value there. " +
                             "With one vector-valued `expression`, kinds in `variables` and one vector in `wrt`, the Jacobian comes in closed form (A*x gives A, sigmoid(W*x) gives diag((1 - sigmoid(W*x)).*sigmoid(W*x))*W). " +
                             "Both forms are in numerator layout (m×n) unless `layout` is \"denominator\", the lecture's: then the transpose (n×m; A*x gives A'). " +
                             "Every answer says its `layout` and, in `layoutNote`, how it relates to the other.");

        return app;
    }

    public static Results<Ok<ClosedFormResponse>, Ok<HessianResponse>, ProblemHttpResult> Hessian(
        HessianRequest request, CalculationBudget budget, CancellationToken requestAborted)
    {
        if (request.IsClosedForm)
        {
            var closed = budget.Run(request.ToClosedFormQuery(), Calculus.VectorHessian, requestAborted);
            return closed.IsSuccess ? TypedResults.Ok(ClosedFormResponse.FromHessian(closed.Value, request.Expression!)) : closed.Error.ToProblem(request.Expression, budget.Limits);
        }

        var outcome = budget.Run(request.ToQuery(), Calculus.Hessian, requestAborted);
        return outcome.IsSuccess ? TypedResults.Ok(HessianResponse.From(outcome.Value, request.Expression!)) : outcome.Error.ToProblem(request.Expression, budget.Limits);
    }

    public static Results<Ok<ClosedFormResponse>, Ok<JacobianResponse>, ProblemHttpResult> Jacobian(
        JacobianRequest request, CalculationBudget budget, CancellationToken requestAborted)
    {
        if (request.IsClosedForm)
        {
            var closed = budget.Run(request.ToClosedFormQuery(), Calculus.VectorJacobian, requestAborted);
            return closed.IsSuccess ? TypedResults.Ok(ClosedFormResponse.FromJacobian(closed.Value, request.Expression!)) : closed.Error.ToProblem(request.Expression, budget.Limits);
        }

        var outcome = budget.Run(request.ToQuery(), Calculus.Jacobian, requestAborted);
        return outcome.IsSuccess ? TypedResults.Ok(JacobianResponse.From(outcome.Value)) : outcome.Error.ToProblem(Echoed(request, outcome.Error.Field), budget.Limits);
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
