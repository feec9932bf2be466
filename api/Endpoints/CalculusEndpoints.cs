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
        var api = app.MapGroup("/api")
            .WithTags("Calculus")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413RequestEntityTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/differentiate", Differentiate)
            .WithName(DifferentiateName)
            .WithSummary("d^n f / dx^n of a scalar expression")
            .WithDescription("Differentiates `expression` `order` times (default 1) with respect to `variable` (which may be omitted when the expression has exactly one free name). " +
                             "The derivative comes as text in the expression language, LaTeX and MathML; with `at`, also its value at that point.");

        api.MapPost("/gradient", Gradient)
            .WithName(GradientName)
            .WithSummary("∇f of a scalar function of scalar variables")
            .WithDescription("Takes the partial derivative of `expression` with respect to each of `variables` (default: every free name, in order of first appearance). " +
                             "Each component comes as text, LaTeX and MathML, keyed by variable in the order of `variables`; with `at`, also its value at that point.");

        api.MapPost("/matrix-gradient", MatrixGradient)
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

    public static Results<Ok<MatrixGradientResponse>, ProblemHttpResult> MatrixGradient(
        MatrixGradientRequest request, CalculationBudget budget, CancellationToken requestAborted)
    {
        var expression = request.Expression!;
        var variables = DeclarationReader.Read(request.Variables);
        if (!variables.IsSuccess)
        {
            return variables.Error.ToProblem(expression, budget.Limits);
        }

        var wrt = NameListReader.Read(request.Wrt, "wrt");
        if (!wrt.IsSuccess)
        {
            return wrt.Error.ToProblem(expression, budget.Limits);
        }

        var at = ValueReader.Read(request.At, "at");
        if (!at.IsSuccess)
        {
            return at.Error.ToProblem(expression, budget.Limits);
        }

        var query = new MatrixGradientQuery(expression, variables.Value, wrt.Value, at.Value);
        var answer = budget.Run((limits, time) => Calculus.MatrixGradient(query, limits, time), requestAborted);
        return answer.IsSuccess
            ? TypedResults.Ok(MatrixGradientResponse.From(answer.Value, expression))
            : answer.Error.ToProblem(expression, budget.Limits);
    }

    public static Results<Ok<DifferentiateResponse>, ProblemHttpResult> Differentiate(
        DifferentiateRequest request, CalculationBudget budget, CancellationToken requestAborted)
    {
        var expression = request.Expression!;
        var at = ValueReader.Read(request.At, "at");
        if (!at.IsSuccess)
        {
            return at.Error.ToProblem(expression, budget.Limits);
        }

        var query = new DerivativeQuery(expression, request.Variable, request.Order ?? 1, at.Value);
        var answer = budget.Run((limits, time) => Calculus.Differentiate(query, limits, time), requestAborted);
        return answer.IsSuccess
            ? TypedResults.Ok(DifferentiateResponse.From(answer.Value, expression))
            : answer.Error.ToProblem(expression, budget.Limits);
    }

    public static Results<Ok<GradientResponse>, ProblemHttpResult> Gradient(
        GradientRequest request, CalculationBudget budget, CancellationToken requestAborted)
    {
        var expression = request.Expression!;
        var at = ValueReader.Read(request.At, "at");
        if (!at.IsSuccess)
        {
            return at.Error.ToProblem(expression, budget.Limits);
        }

        var query = new GradientQuery(expression, request.Variables, at.Value);
        var answer = budget.Run((limits, time) => Calculus.Gradient(query, limits, time), requestAborted);
        return answer.IsSuccess
            ? TypedResults.Ok(GradientResponse.From(answer.Value, expression))
            : answer.Error.ToProblem(expression, budget.Limits);
    }
}
