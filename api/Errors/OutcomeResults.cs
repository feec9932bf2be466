using CalcApi.Domain;
using CalcApi.Domain.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalcApi.Api.Errors;

/// <summary>The one way an endpoint answers an outcome: its answer, or the error as a problem document (<see cref="CalcProblems.ToProblem"/>).</summary>
public static class OutcomeResults
{
    /// <summary>200 with the answer mapped to its response, or the problem.</summary>
    public static Results<Ok<TResponse>, ProblemHttpResult> OkOrProblem<T, TResponse>(
        this Outcome<T> outcome, Func<T, TResponse> map, string? expression, EngineLimits limits) =>
        outcome.ResultOrProblem(value => TypedResults.Ok(map(value)), expression, limits);

    /// <summary>The result the answer makes (such as an event stream), or the problem.</summary>
    public static Results<TResult, ProblemHttpResult> ResultOrProblem<T, TResult>(
        this Outcome<T> outcome, Func<T, TResult> result, string? expression, EngineLimits limits)
        where TResult : IResult =>
        outcome.IsSuccess ? result(outcome.Value) : outcome.Error.ToProblem(expression, limits);
}
