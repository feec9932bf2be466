using System.Diagnostics;
using System.Text;
using CalcApi.Api.Endpoints;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CalcApi.Api.Configuration;

/// <summary>The start-up warm-up, from the "Warmup" section.</summary>
public sealed record WarmupSettings
{
    public const string Section = "Warmup";

    /// <summary>Whether the server warms itself up after it starts (on by default; the test factory turns it off).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How many times each request of <see cref="WarmupRequests.All"/> is sent: the second round reaches what the first one only started (lazily built caches, a method's second call path).</summary>
    public int Rounds { get; init; } = 2;
}

public static class WarmupRegistration
{
    /// <summary>
    /// A freshly started server answers its first requests 30 to 100 times slower than warm ones (the JIT,
    /// JSON metadata, the endpoints' binding code and the engine's static tables are all built on first use).
    /// Once the server has started, <see cref="WarmupService"/> sends <see cref="WarmupRequests.All"/> through
    /// the application's own pipeline in process (middleware, routing, binding, filters, the engine, JSON
    /// writing), and /health/ready answers only once it has finished, so a load balancer that waits for
    /// readiness sends no request to a cold server; /health and /health/live answer at once.
    /// </summary>
    public static IServiceCollection AddCalcWarmup(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WarmupSettings>(configuration.GetSection(WarmupSettings.Section));
        services.AddSingleton<WarmupPipeline>();
        services.AddSingleton<IStartupFilter>(provider => provider.GetRequiredService<WarmupPipeline>());
        services.AddSingleton<WarmupState>();
        services.AddHostedService<WarmupService>();
        services.AddHealthChecks().AddCheck<WarmupHealthCheck>("warmup", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}

/// <summary>
/// Holds the application's whole request pipeline once it is built. A startup filter's middleware comes
/// before everything the application adds (including the routing that WebApplication inserts), so the
/// delegate it is handed is the pipeline a request from Kestrel goes through; it adds nothing to that path.
/// </summary>
public sealed class WarmupPipeline : IStartupFilter
{
    public RequestDelegate? Pipeline { get; private set; }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(rest => Pipeline = rest);
        next(app);
    };
}

/// <summary>One warm-up request's answer.</summary>
public sealed record WarmupAnswer(string Path, int ExpectedStatus, int Status, TimeSpan Elapsed);

/// <summary>Whether the warm-up has finished (or is off), and what it got back.</summary>
public sealed class WarmupState
{
    private readonly TaskCompletionSource<IReadOnlyList<WarmupAnswer>> finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsFinished => finished.Task.IsCompleted;

    /// <summary>Completes with every warm-up answer (none when the warm-up is off).</summary>
    public Task<IReadOnlyList<WarmupAnswer>> Finished => finished.Task;

    public void Finish(IReadOnlyList<WarmupAnswer> answers) => finished.TrySetResult(answers);
}

/// <summary>
/// Readiness waits for the warm-up (about a second after start-up on two busy cores) rather than
/// answering 503 meanwhile: an unhealthy check is logged as an error by the health check service, and a
/// server that is merely starting has no error to report. A probe that gives up sooner is cancelled
/// (the framework logs that at Debug) and the next one is answered once the warm-up is done.
/// </summary>
public sealed class WarmupHealthCheck(WarmupState state) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await state.Finished.WaitAsync(cancellationToken);
        return HealthCheckResult.Healthy("warmed up");
    }
}

/// <summary>Sends the warm-up requests once the server has started; see <see cref="WarmupRegistration.AddCalcWarmup"/>.</summary>
public sealed partial class WarmupService(
    WarmupPipeline pipeline,
    WarmupState state,
    IHttpContextFactory contexts,
    IHostApplicationLifetime lifetime,
    IOptions<WarmupSettings> settings,
    ILogger<WarmupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Value.Enabled)
        {
            state.Finish([]);
            return;
        }

        var answers = new List<WarmupAnswer>();
        try
        {
            await StartedAsync(stoppingToken);
            var app = pipeline.Pipeline ?? throw new InvalidOperationException("The request pipeline was not built.");
            var started = Stopwatch.GetTimestamp();
            for (var round = 0; round < Math.Max(1, settings.Value.Rounds); round++)
            {
                foreach (var request in WarmupRequests.All)
                {
                    answers.Add(await SendAsync(app, request, stoppingToken));
                }
            }

            WarmedUp(logger, answers.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before the warm-up finished: nothing to report.
        }
        catch (Exception e)
        {
            // A failed warm-up costs only speed: the server can still answer, so it becomes ready all the same.
            Failed(logger, e);
        }
        finally
        {
            state.Finish(answers);
        }
    }

    private async Task StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var whenStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var whenStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
    }

    /// <summary>
    /// One request through the pipeline, as Kestrel would hand it over, with the features a server
    /// provides; no client address, so the rate limiter counts it against no real client.
    /// </summary>
    private async Task<WarmupAnswer> SendAsync(RequestDelegate app, WarmupRequest request, CancellationToken cancellation)
    {
        var body = Encoding.UTF8.GetBytes(request.Body);
        var requestFeature = new HttpRequestFeature
        {
            Method = HttpMethods.Post,
            Scheme = "http",
            Protocol = "HTTP/1.1",
            Path = request.Path,
            Body = new MemoryStream(body),
        };
        requestFeature.Headers.Host = "localhost";
        requestFeature.Headers.ContentType = "application/json";
        requestFeature.Headers.ContentLength = body.Length;
        var responseFeature = new CallbackResponseFeature();
        var answerBody = new MemoryStream();
        var responseBody = new StreamResponseBodyFeature(answerBody);
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(requestFeature);
        features.Set<IHttpResponseFeature>(responseFeature);
        features.Set<IHttpResponseBodyFeature>(responseBody);
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = cancellation });
        features.Set<IHttpRequestBodyDetectionFeature>(HasBody.Instance);

        var started = Stopwatch.GetTimestamp();
        var context = contexts.Create(features);
        try
        {
            await app(context);
            await responseFeature.StartAsync();
            await responseBody.CompleteAsync();
        }
        finally
        {
            // As Kestrel does: what the request registered for its end (a calculation slot's lease, through
            // RegisterForDispose) is released here, or a heavy warm-up request would hold its slot for good.
            await responseFeature.CompleteAsync();
            contexts.Dispose(context);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (responseFeature.StatusCode != request.ExpectedStatus)
        {
            var text = Encoding.UTF8.GetString(answerBody.GetBuffer(), 0, (int)Math.Min(answerBody.Length, 500));
            UnexpectedStatus(logger, request.Path, responseFeature.StatusCode, request.ExpectedStatus, text);
        }

        return new WarmupAnswer(request.Path, request.ExpectedStatus, responseFeature.StatusCode, elapsed);
    }

    /// <summary>
    /// The response feature with the callbacks a server runs: <see cref="HttpResponseFeature"/> drops OnStarting and
    /// OnCompleted, and with them every <c>RegisterForDispose</c> of the request.
    /// </summary>
    private sealed class CallbackResponseFeature : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> starting = [];
        private readonly List<(Func<object, Task> Callback, object State)> completed = [];
        private bool started;

        public override bool HasStarted => started;

        public override void OnStarting(Func<object, Task> callback, object state) => starting.Add((callback, state));

        public override void OnCompleted(Func<object, Task> callback, object state) => completed.Add((callback, state));

        public async Task StartAsync()
        {
            if (started)
            {
                return;
            }

            started = true;
            // Last registered, first run, as Kestrel runs them.
            for (var i = starting.Count - 1; i >= 0; i--)
            {
                await starting[i].Callback(starting[i].State);
            }
        }

        public async Task CompleteAsync()
        {
            for (var i = completed.Count - 1; i >= 0; i--)
            {
                await completed[i].Callback(completed[i].State);
            }

            completed.Clear();
        }
    }

    /// <summary>Kestrel's answer for a request with Content-Length: without it, minimal APIs bind no body.</summary>
    private sealed class HasBody : IHttpRequestBodyDetectionFeature
    {
        public static readonly HasBody Instance = new();

        public bool CanHaveBody => true;
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Warmed up: {Requests} requests through the pipeline in {ElapsedMilliseconds:F0} ms")]
    private static partial void WarmedUp(ILogger logger, int requests, double elapsedMilliseconds);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Warm-up request to {Path} answered {StatusCode}, expected {ExpectedStatusCode}: {Answer}")]
    private static partial void UnexpectedStatus(ILogger logger, string path, int statusCode, int expectedStatusCode, string answer);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "The warm-up failed; the server is ready without it")]
    private static partial void Failed(ILogger logger, Exception exception);
}
