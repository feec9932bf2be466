using System.Text.Json.Serialization;
using CalcApi.Api.Configuration;
using Microsoft.Extensions.Options;

namespace CalcApi.Api.Errors;

public static class ProblemDetailsRegistration
{
    /// <summary>
    /// Every error the API answers is a problem document: the engine's (<see cref="CalcProblems"/>), the
    /// framework's own statuses (<see cref="HttpProblems"/>), and bugs.
    /// </summary>
    public static IServiceCollection AddCalcProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOptions<ProblemDetailsOptions>()
            .Configure<IOptions<RequestLimits>>((options, limits) => options.CustomizeProblemDetails = context => HttpProblems.Describe(context, limits.Value));

        // A body that cannot be bound throws in every environment (not only Development), so that the
        // exception handler turns it into a problem that says what was wrong with it.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        // Numbers are numbers: the web defaults read "2" as 2 for a number field (order, maxIterations), while a
        // string in `at` is refused; strict handling makes every such field a 400 that names it (HttpProblems).
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);

        // No field is silently ignored: a misspelt or unsupported one ("learningrate", "form") is a 400 that names it.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow);
        return services;
    }

    /// <summary>Exceptions and bodiless error statuses (404, 405, 413, 415) become problem documents.</summary>
    public static WebApplication UseCalcProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler(HttpProblems.ExceptionHandler);
        app.UseStatusCodePages();
        return app;
    }
}
