using System.Diagnostics;

namespace CalcApi.Api.Logging;

/// <summary>
/// One structured log line per request: method, path, status, time and body size; never the expression
/// itself (callers' input can be long or private), which appears only in problem documents sent back.
/// </summary>
public static partial class RequestLogging
{
    public static WebApplication UseCalcRequestLogging(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CalcApi.Requests");
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                Answered(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.Request.ContentLength ?? 0);
            }
        });
        return app;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} answered {StatusCode} in {ElapsedMilliseconds:F1} ms ({RequestBytes} bytes in)")]
    private static partial void Answered(ILogger logger, string method, string path, int statusCode, double elapsedMilliseconds, long requestBytes);
}
