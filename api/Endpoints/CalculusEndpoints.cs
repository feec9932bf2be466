using CalcApi.Api.Configuration;
using CalcApi.Api.Contracts;
using CalcApi.Api.Errors;
using CalcApi.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalcApi.Api.Endpoints;

/// <summary>Derivatives and gradients of scalar expressions: each endpoint is one engine call.</summary>
public static class CalculusEndpoints
{
    public const string DifferentiateName = "Differentiate";
    public const string GradientName = "Gradient";
    public const string MatrixGradientName = "MatrixGradient";

    public static IEndpointRouteBuilder MapCalculus(this IEndpointRouteBuilder app)
    {
        // The routes are full paths (Routes); the group carries only what its endpoints share.
        var api = app.MapCalculations("Calculus");

        api.MapPost(Routes.Differentiate, Differentiate)
            .WithName(DifferentiateName)
            .WithSummary("d^n f / dx^n of a scalar expression")
            .WithDescription("Differentiates `expression` `order` times (default 1) with respect to `variable` (which may be omitted when the expression has exactly one free name). " +
                             "With `variable` a list of names, it is a mixed partial: differentiated by each name in turn, first to last ([\"x\", \"y\"] is ∂²f/∂y∂x), of order the list's length. " +
                             "The derivative comes as text in the expression language, LaTeX and MathML; with `at`, also its value at that point.");

        api.MapPost(Routes.Gradient, Gradient)
            .WithName(GradientName)
            .WithSummary("∇f of a scalar function of scalar variables")
            .WithDescription("Takes the partial derivative of `expression` with respect to each of `variables` (default: every free name, in order of first appearance). " +
                             "Each component comes as text, LaTeX and MathML, keyed by variable in the order of `variables`; with `at`, also its value at that point.");

        api.MapPost(Routes.MatrixGradient, MatrixGradient)
            .WithName(MatrixGradientName)
            .WithSummary("∂f/∂X of a scalar function of vectors and matrices, in closed form")
            .WithDescription("Takes the gradient of the scalar `expression` with respect to each variable of `wrt` (default: every vector and matrix variable), " +
                             "as a matrix expression with the shape of the variable, the way the Matrix Cookbook writes it: (a'*W*b - c)^2 gives 2*(a'*W*b - c)*a*b'. " +
                             "Kinds come from `variables` or from the values in `at`; shapes are checked first, and a mismatch names both operands and their sizes. " +
                             "With `at`, each gradient also carries its value, shaped like its variable.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413RequestEntityTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return app;
    }

    public static Results<Ok<DifferentiateResponse>, ProblemHttpResult> Differentiate(
        DifferentiateRequest request, CalculationBudget budget, CancellationToken requestAborted) =>
        budget.Run(request.ToQuery(), Calculus.Differentiate, requestAborted)
            .OkOrProblem(answer => DifferentiateResponse.From(answer, request.Expression!), request.Expression, budget.Limits);

    public static Results<Ok<GradientResponse>, ProblemHttpResult> Gradient(
        GradientRequest request, CalculationBudget budget, CancellationToken requestAborted) =>
        budget.Run(request.ToQuery(), Calculus.Gradient, requestAborted)
            .OkOrProblem(answer => GradientResponse.From(answer, request.Expression!), request.Expression, budget.Limits);

    public static Results<Ok<MatrixGradientResponse>, ProblemHttpResult> MatrixGradient(
        MatrixGradientRequest request, CalculationBudget budget, CancellationToken requestAborted) =>
        budget.Run(request.ToQuery(), Calculus.MatrixGradient, requestAborted)
            .OkOrProblem(answer => MatrixGradientResponse.From(answer, request.Expression!), request.Expression, budget.Limits);
}
