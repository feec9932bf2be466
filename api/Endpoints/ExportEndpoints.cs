using CalcApi.Api.Configuration;
using CalcApi.Api.Contracts;
using CalcApi.Api.Errors;
using CalcApi.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalcApi.Api.Endpoints;

/// <summary>Exporting gradient code (contract section 9): one engine call.</summary>
public static class ExportEndpoints
{
    public const string ExportName = "Export";

    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder app)
    {
        var api = app.MapCalculations("Code");

        api.MapPost(Routes.Export, Export)
            .WithName(ExportName)
            .WithSummary("Code that computes f and its gradients: NumPy, PyTorch or C#")
            .WithDescription("Exports the engine's gradients of the scalar `expression` with respect to `wrt` (default: every vector and matrix variable) " +
                             "as straight-line code in `language` (`numpy`, `pytorch` or `csharp`): a function `value_and_gradients(values)` " +
                             "(C#: `Exported.ValueAndGradients(values)`) that takes every variable's value and returns f and the gradients, each shaped like " +
                             "its variable. Every shared sub-expression is computed once into a temporary, so the code grows linearly where the printed " +
                             "gradient grows quadratically. Run as a program (`python3 gradient.py`, `dotnet run gradient.cs`), the file checks its gradients " +
                             "against central finite differences at a random point inside the domain and prints `gradient check passed` (exit 0) or the discrepancy (exit 1).");

        return app;
    }

    public static Results<Ok<ExportResponse>, ProblemHttpResult> Export(ExportRequest request, CalculationBudget budget, CancellationToken requestAborted) =>
        budget.Run(request.ToQuery(), Calculus.Export, requestAborted)
            .OkOrProblem(ExportResponse.From, request.Expression, budget.Limits);
}
