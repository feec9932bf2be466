using CalcApi.Domain;
using CalcApi.Domain.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalcApi.Api.Errors;

/// <summary>The one mapping from the engine's <see cref="CalcError"/>s to RFC 9457 problem documents.</summary>
public static class CalcProblems
{
    /// <summary>
    /// A problem with the error's status, title and detail, and the extensions <c>kind</c>, <c>position</c>,
    /// <c>expression</c> (the caller's input, echoed only when it is within the length limit), for a
    /// limit <c>limit</c> and <c>max</c>, and <c>field</c> where the error names the request field it is in.
    /// </summary>
    public static ProblemHttpResult ToProblem(this CalcError error, string? expression, EngineLimits limits)
    {
        var extensions = new Dictionary<string, object?>
        {
            ["kind"] = KindName(error.Kind),
        };
        if (error.Position is { } position)
        {
            extensions["position"] = position;
        }

        if (expression is not null && expression.Length <= limits.MaxExpressionLength)
        {
            extensions["expression"] = expression;
        }

        if (error.Limit is { } limit)
        {
            extensions["limit"] = limit;
        }

        if (error.Max is { } max)
        {
            extensions["max"] = max;
        }

        if (error.Field is { } field)
        {
            extensions["field"] = field;
        }

        return TypedResults.Problem(detail: error.Detail, statusCode: StatusOf(error.Kind), title: error.Title, extensions: extensions);
    }

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Syntax => StatusCodes.Status400BadRequest,
        ErrorKind.Semantic or ErrorKind.InvalidArgument or ErrorKind.OutsideDomain or ErrorKind.LimitExceeded or ErrorKind.Unsupported or ErrorKind.Precision
            => StatusCodes.Status422UnprocessableEntity,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "An error kind with no HTTP status."),
    };

    private static string KindName(ErrorKind kind) => kind switch
    {
        ErrorKind.Syntax => "syntax",
        ErrorKind.Semantic => "semantic",
        ErrorKind.InvalidArgument => "invalidArgument",
        ErrorKind.OutsideDomain => "outsideDomain",
        ErrorKind.LimitExceeded => "limitExceeded",
        ErrorKind.Unsupported => "unsupported",
        ErrorKind.Precision => "precision",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "An error kind with no name."),
    };
}
