using CalcApi.Api.Configuration;
using CalcApi.Api.Contracts;
using CalcApi.Api.Errors;
using CalcApi.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalcApi.Api.Endpoints;

/// <summary>Checking a learner's answer (contract section 7): one engine call.</summary>
public static class CheckEndpoints
{
    public const string CheckName = "Check";

    public static IEndpointRouteBuilder MapCheck(this IEndpointRouteBuilder app)
    {
        var api = app.MapCalculations("Checking");

        api.MapPost(Routes.Check, Check)
            .WithName(CheckName)
            .WithSummary("Is this answer right? The verdict, a counterexample, and the mistake named")
            .WithDescription("Compares the learner's `answer` with the right result of `task`: `differentiate` (`expression`, `variable`, `order`), " +
                             "`gradient` (`expression`, `variables`; `answer` is an object with one expression per variable), `matrix-gradient` " +
                             "(`expression`, `variables`, `wrt` one name) or `equivalent` (`expected`). The verdict is `equivalent`, `notEquivalent` " +
                             "or `invalid` (the answer cannot be read or has the wrong shape: a 200, with `error`), decided `symbolic`ally where the " +
                             "canonical forms agree or `numeric`ally at seeded random points inside both domains. When not equivalent, " +
                             "`counterexample` is a point where the two differ, with both values exact to 1e-9 (null for a side not defined there), " +
                             "and `diagnosis` names the mistakes recognised. A malformed task is a 400 or 422 problem whose `field` names the expression at fault.");

        return app;
    }

    /// <summary>The check; a problem quotes the expression it is in (`expected` for the task equivalent, else `expression`).</summary>
    public static Results<Ok<CheckResponse>, ProblemHttpResult> Check(CheckRequest request, CalculationBudget budget, CancellationToken requestAborted)
    {
        var outcome = budget.Run(request.ToQuery(), Calculus.Check, requestAborted);
        return outcome.OkOrProblem(CheckResponse.From, outcome.Error?.Field == "expected" ? request.Expected : request.Expression, budget.Limits);
    }
}
