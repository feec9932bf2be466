using System.Text.Json;
using CalcApi.Api.Configuration;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace CalcApi.Api.Errors;

/// <summary>
/// Problem documents for what goes wrong before an endpoint runs (no body, malformed JSON, a body over
/// the size limit, a missing field) and for bugs: every status the framework answers with on its own
/// gets a detail that says what to fix, so no error is an empty body or a stack trace.
/// </summary>
public static class HttpProblems
{
    /// <summary>
    /// Keeps a <see cref="BadHttpRequestException"/>'s own status (400, 413, 415) instead of 500, and
    /// does not log it as a server error: it is the caller's mistake, and the problem says so.
    /// </summary>
    public static ExceptionHandlerOptions ExceptionHandler => new()
    {
        StatusCodeSelector = exception => exception switch
        {
            BadHttpRequestException bad => bad.StatusCode,
            _ when FromJsonReader(exception) => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status500InternalServerError,
        },
        SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException || FromJsonReader(context.Exception),
    };

    /// <summary>
    /// An exception from inside System.Text.Json's reader while it reads a request body: the body is
    /// malformed (the reader itself can fail on some garbled bodies instead of raising a JsonException).
    /// </summary>
    private static bool FromJsonReader(Exception exception) =>
        exception is not BadHttpRequestException
        && exception.StackTrace?.TrimStart().StartsWith("at System.Text.Json.Utf8JsonReader.", StringComparison.Ordinal) == true;

    public static void Describe(ProblemDetailsContext context, RequestLimits limits)
    {
        var problem = context.ProblemDetails;
        if (problem is HttpValidationProblemDetails validation)
        {
            CamelCaseKeys(validation);
            problem.Detail ??= string.Join(" ", validation.Errors.SelectMany(e => e.Value));
            return;
        }

        if (problem.Status == StatusCodes.Status413RequestEntityTooLarge)
        {
            problem.Title = "Limit exceeded: maxRequestBodyBytes";
            problem.Detail = $"The request body is larger than the limit (maxRequestBodyBytes) of {limits.MaxRequestBodyBytes:N0} bytes.";
            problem.Extensions["limit"] = "maxRequestBodyBytes";
            problem.Extensions["max"] = limits.MaxRequestBodyBytes;
            return;
        }

        if (problem.Status == StatusCodes.Status400BadRequest && UnknownField(context.Exception) is { } unknown)
        {
            var known = JsonFields.Known(RequestType(context.HttpContext), unknown);
            problem.Title = "Unknown field";
            problem.Detail = $"`{unknown}` is not a field of this request, so it would be ignored; remove it or check its spelling."
                + (known.Count > 0 ? $" The fields here are: {string.Join(", ", known)}." : "");
            problem.Extensions["field"] = unknown;
            return;
        }

        if (problem.Status == StatusCodes.Status400BadRequest && WrongType(context.Exception, RequestType(context.HttpContext)) is { } field)
        {
            problem.Title = "Field of the wrong JSON type";
            problem.Detail = field.Expected is { } expected ? $"`{field.Name}` must be {expected}." : $"`{field.Name}` has the wrong JSON type.";
            problem.Extensions["field"] = field.Name;
            return;
        }

        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status400BadRequest => BadRequestDetail(context.Exception),
            StatusCodes.Status404NotFound => $"There is no endpoint at {context.HttpContext.Request.Path}; see /swagger for the ones there are.",
            StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Path} does not answer {context.HttpContext.Request.Method}; see /swagger.",
            StatusCodes.Status415UnsupportedMediaType => "Send the request body as JSON, with the header Content-Type: application/json.",
            StatusCodes.Status500InternalServerError => "The server failed to answer this request. This is a bug; the traceId identifies it in the server's log.",
            _ => null,
        };
    }

    /// <summary>
    /// A value the JSON reader could read but not convert: a field of the wrong JSON type, named with the type it
    /// takes where the request's type says (never the runtime type name the framework's message has).
    /// </summary>
    private static (string Name, string? Expected)? WrongType(Exception? exception, Type? requestType) => exception?.InnerException switch
    {
        JsonException { InnerException: not JsonException, Path: { } path } when JsonFields.Describe(requestType, path) is { } field => field,
        JsonException { InnerException: not JsonException, Path: { } path } when path != "$" => (JsonFields.Name(path), null),
        _ => null,
    };

    /// <summary>
    /// A property the request's type does not have (strict binding, <see cref="System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow"/>):
    /// its path, as the request writes it ("form", "optimizer.learningrate"). A field that is not read is never silently ignored.
    /// </summary>
    private static string? UnknownField(Exception? exception) =>
        exception?.InnerException is JsonException { Path: { } path } json
        && json.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal)
            ? JsonFields.Name(path)
            : null;

    private static string BadRequestDetail(Exception? exception) => exception?.InnerException is JsonException json
        ? $"The request body is not valid JSON of the expected shape: {json.Message}"
        : exception is not null && FromJsonReader(exception)
            ? "The request body is not valid JSON."
            : "The request body must be a JSON object, such as {\"expression\": \"x^2\"}.";

    /// <summary>The body type of the endpoint that refused the request (the exception handler has already cleared the endpoint itself).</summary>
    private static Type? RequestType(HttpContext context) =>
        (context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint())?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;

    /// <summary>Validation keys come back as C# property names (Expression); the contract's fields are camelCase.</summary>
    private static void CamelCaseKeys(HttpValidationProblemDetails validation)
    {
        var errors = validation.Errors.ToList();
        validation.Errors.Clear();
        foreach (var (key, messages) in errors)
        {
            validation.Errors[JsonNamingPolicy.CamelCase.ConvertName(key)] = messages;
        }
    }
}
