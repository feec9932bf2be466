using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CalcApi.Api.Endpoints;

namespace CalcApi.LoadTest;

/// <summary>
/// Runs a load test: <see cref="LoadOptions.Connections"/> workers, each on its own connection, each
/// looping over the weighted mix until the warm-up and the duration have passed (or the request cap is
/// reached), recording every request's latency (from sending to the last byte of the body, or of the
/// event stream) and checking every answer. Requests in flight when the time is up are waited for
/// (they are bounded by <see cref="LoadOptions.RequestTimeout"/>), not cancelled.
/// </summary>
public static class LoadRun
{
    private const int MaxSamples = 20;
    private const int MaxSampleBody = 600;

    public static async Task<LoadResult> RunAsync(LoadOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var mix = options.Mix ?? RequestMix.Default;
        var bodies = mix.Select(t => t.Body is null ? null : Encoding.UTF8.GetBytes(t.Body)).ToArray();
        var cumulative = new int[mix.Count];
        for (int i = 0, sum = 0; i < mix.Count; i++)
        {
            cumulative[i] = sum += mix[i].Weight;
        }

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Connections,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        using var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = options.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };

        var shared = new Shared();
        var preflight = await SendAsync(client, RequestTemplate.Get($"preflight GET {Routes.Health}", Routes.Health, 1, "\"status\""), null, options.RequestTimeout, cancellationToken);
        if (preflight.Kind is { } preflightError)
        {
            shared.AddError(new ErrorSample($"preflight: {preflightError}", $"preflight GET {Routes.Health}", $"GET {Routes.Health}", null, preflight.Status, preflight.Detail, preflight.Elapsed));
            return Summarise(options, mix, [], shared, TimeSpan.Zero);
        }

        var clock = Stopwatch.StartNew();
        var workers = new Worker[options.Connections];
        var tasks = new Task[options.Connections];
        for (var w = 0; w < workers.Length; w++)
        {
            var worker = workers[w] = new Worker(mix.Count, new Random(unchecked(options.Seed * 7919 + w)));
            tasks[w] = Task.Run(() => worker.LoopAsync(client, mix, bodies, cumulative, options, clock, shared, cancellationToken), CancellationToken.None);
        }

        await Task.WhenAll(tasks);
        var measured = clock.Elapsed - options.Warmup;
        var lastAnswer = workers.Max(w => w.LastMeasuredAnswer);
        var elapsed = lastAnswer > TimeSpan.Zero ? lastAnswer - options.Warmup : measured;
        return Summarise(options, mix, workers, shared, elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed);
    }

    private static LoadResult Summarise(LoadOptions options, IReadOnlyList<RequestTemplate> mix, Worker[] workers, Shared shared, TimeSpan elapsed)
    {
        var endpoints = new List<EndpointSummary>();
        foreach (var group in Enumerable.Range(0, mix.Count).GroupBy(i => mix[i].Endpoint))
        {
            var indices = group.ToArray();
            var ticks = workers.SelectMany(w => indices.SelectMany(i => w.Latencies[i])).ToArray();
            endpoints.Add(new EndpointSummary(
                group.Key,
                workers.Sum(w => indices.Sum(i => w.Requests[i])),
                workers.Sum(w => indices.Sum(i => w.ExpectedProblems[i])),
                workers.Sum(w => indices.Sum(i => w.Errors[i])),
                LatencySummary.FromTicks(ticks)));
        }

        var templates = Enumerable.Range(0, mix.Count)
            .Select(i => new TemplateSummary(mix[i].Name, mix[i].Endpoint, mix[i].Expect,
                workers.Sum(w => w.Sent[i]), workers.Sum(w => w.Failed[i]),
                LatencySummary.FromTicks([.. workers.SelectMany(w => w.Latencies[i])]))
            {
                RefusalCpu = LatencySummary.FromTicks([.. workers.SelectMany(w => w.RefusalCpu[i])]),
            })
            .ToList();
        var all = LatencySummary.FromTicks(workers.SelectMany(w => w.Latencies.SelectMany(l => l)).ToArray());
        var requests = endpoints.Sum(e => e.Requests);
        var errorsByKind = shared.ErrorsByKind();
        return new LoadResult(
            options,
            requests,
            elapsed,
            elapsed > TimeSpan.Zero ? requests / elapsed.TotalSeconds : 0,
            all,
            endpoints,
            templates,
            errorsByKind.Values.Sum(),
            errorsByKind,
            shared.Samples(),
            workers.Sum(w => w.WarmupRequests),
            workers.Sum(w => w.WarmupErrors),
            endpoints.Sum(e => e.ExpectedProblems));
    }

    /// <summary>What one request got: <see cref="Kind"/> is null when the answer was the expected one.</summary>
    private readonly record struct Outcome(string? Kind, int? Status, string Detail, TimeSpan Elapsed, TimeSpan? ServerCpu = null);

    private static async Task<Outcome> SendAsync(HttpClient client, RequestTemplate template, byte[]? body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        int? status = null;
        try
        {
            using var request = new HttpRequestMessage(template.Method, template.Path);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            status = (int)response.StatusCode;
            // The whole body: for the event stream, every event up to the end of the stream.
            var bytes = await response.Content.ReadAsByteArrayAsync(deadline.Token);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            return Check(template, status.Value, mediaType, bytes) is { } problem
                ? new Outcome(problem, status, Snippet(bytes), elapsed)
                : new Outcome(null, status, "", elapsed, ServerCpu(response));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome($"timeout (over {timeout.TotalSeconds:0.#} s)", status, status is null ? "no answer" : "the body did not end in time", Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException)
        {
            return new Outcome("cancelled", status, "the run was cancelled", Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException ex)
        {
            return new Outcome($"connection ({ex.HttpRequestError})", status, ex.InnerException?.Message ?? ex.Message, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex)
        {
            return new Outcome($"exception ({ex.GetType().Name})", status, ex.Message, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>The calculation's CPU time the server reports (<c>Server-Timing: cpu;dur=</c> milliseconds), if it does.</summary>
    private static TimeSpan? ServerCpu(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Server-Timing", out var values))
        {
            return null;
        }

        foreach (var metric in values.SelectMany(v => v.Split(',')))
        {
            var parts = metric.Split(';', StringSplitOptions.TrimEntries);
            var duration = parts.FirstOrDefault(p => p.StartsWith("dur=", StringComparison.Ordinal));
            if (parts[0] == "cpu" && duration is not null
                && double.TryParse(duration.AsSpan(4), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var milliseconds))
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        return null;
    }

    /// <summary>Null when the answer is what the template expects; otherwise the kind of error.</summary>
    private static string? Check(RequestTemplate template, int status, string? mediaType, byte[] body)
    {
        switch (template.Expect)
        {
            case var _ when status == 429:
                return "status 429 (rate limited: is RateLimiting:PermitsPerMinute 0 on the server?)";
            case Expectation.Problem when status is < 400 or > 499:
                return $"status {status} (expected 4xx)";
            case Expectation.Problem when mediaType != "application/problem+json":
                return $"4xx as {mediaType ?? "no content type"} (expected application/problem+json)";
            case Expectation.Refusal when status is not (422 or 503):
                return $"status {status} (expected 422 or 503)";
            case Expectation.Refusal when mediaType != "application/problem+json":
                return $"{status} as {mediaType ?? "no content type"} (expected application/problem+json)";
            case Expectation.Json or Expectation.EventStream when status >= 500:
                return $"status {status}";
            case Expectation.Json or Expectation.EventStream when status != 200:
                return $"status {status} on a good request";
            case Expectation.Json when mediaType != "application/json":
                return $"200 as {mediaType ?? "no content type"} (expected application/json)";
            case Expectation.EventStream when mediaType != "text/event-stream":
                return $"200 as {mediaType ?? "no content type"} (expected text/event-stream)";
        }

        if (template.MustContain is { } text && body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) < 0)
        {
            return template.Expect == Expectation.EventStream ? "event stream without its summary" : $"body without {text}";
        }

        return null;
    }

    private static string Snippet(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, MaxSampleBody));
        return bytes.Length > MaxSampleBody ? $"{text}… ({bytes.Length:N0} bytes)" : text;
    }

    /// <summary>Error counts and samples, shared by the workers (errors are rare, so a lock is fine).</summary>
    private sealed class Shared
    {
        private readonly Lock gate = new();
        private readonly Dictionary<string, long> byKind = new(StringComparer.Ordinal);
        private readonly List<ErrorSample> samples = [];
        private long started;

        /// <summary>Claims the next request number (1, 2, …); 0 once the cap is reached.</summary>
        public long Start(long cap) => Interlocked.Increment(ref started) is var n && n <= cap ? n : 0;

        public void AddError(ErrorSample sample)
        {
            lock (gate)
            {
                byKind[sample.Kind] = byKind.GetValueOrDefault(sample.Kind) + 1;
                if (samples.Count < MaxSamples)
                {
                    samples.Add(sample);
                }
            }
        }

        public IReadOnlyDictionary<string, long> ErrorsByKind()
        {
            lock (gate)
            {
                return new Dictionary<string, long>(byKind, StringComparer.Ordinal);
            }
        }

        public IReadOnlyList<ErrorSample> Samples()
        {
            lock (gate)
            {
                return [.. samples];
            }
        }
    }

    /// <summary>One connection's loop and what it recorded (no sharing while the run goes).</summary>
    private sealed class Worker(int templates, Random random)
    {
        public List<long>[] Latencies { get; } = [.. Enumerable.Range(0, templates).Select(_ => new List<long>(1024))];

        /// <summary>The server's CPU time (ticks) for each measured answer of 422 (a refusal) that reported it.</summary>
        public List<long>[] RefusalCpu { get; } = [.. Enumerable.Range(0, templates).Select(_ => new List<long>())];
        public long[] Requests { get; } = new long[templates];
        public long[] ExpectedProblems { get; } = new long[templates];
        public long[] Errors { get; } = new long[templates];
        public long[] Sent { get; } = new long[templates];
        public long[] Failed { get; } = new long[templates];
        public long WarmupRequests { get; private set; }
        public long WarmupErrors { get; private set; }
        public TimeSpan LastMeasuredAnswer { get; private set; }

        public async Task LoopAsync(HttpClient client, IReadOnlyList<RequestTemplate> mix, byte[]?[] bodies, int[] cumulative,
            LoadOptions options, Stopwatch clock, Shared shared, CancellationToken cancellationToken)
        {
            var end = options.Warmup + options.Duration;
            while (!cancellationToken.IsCancellationRequested)
            {
                var startedAt = clock.Elapsed;
                var number = startedAt < end ? shared.Start(options.MaxRequests) : 0;
                if (number == 0)
                {
                    return;
                }

                // The run's first requests go through the mix in order, so that even a short run sends
                // every one of them; then the choice is random, by weight.
                var pick = random.Next(cumulative[^1]);
                var index = number <= mix.Count ? (int)number - 1 : Array.FindIndex(cumulative, c => pick < c);
                var template = mix[index];
                var outcome = await SendAsync(client, template, bodies[index], options.RequestTimeout, cancellationToken);
                var measured = startedAt >= options.Warmup;
                if (outcome.Kind is "cancelled")
                {
                    return;
                }

                Sent[index]++;
                Failed[index] += outcome.Kind is null ? 0 : 1;

                if (outcome.Kind is { } kind)
                {
                    shared.AddError(new ErrorSample(measured ? kind : $"{kind} [warm-up]", template.Name, template.Endpoint, template.Body, outcome.Status, outcome.Detail, outcome.Elapsed));
                }

                if (!measured)
                {
                    WarmupRequests++;
                    WarmupErrors += outcome.Kind is null ? 0 : 1;
                    continue;
                }

                Requests[index]++;
                Latencies[index].Add(outcome.Elapsed.Ticks);
                if (outcome is { Kind: null, Status: 422, ServerCpu: { } cpu })
                {
                    RefusalCpu[index].Add(cpu.Ticks);
                }

                LastMeasuredAnswer = clock.Elapsed;
                if (outcome.Kind is not null)
                {
                    Errors[index]++;
                }
                else if (template.Expect == Expectation.Problem)
                {
                    ExpectedProblems[index]++;
                }
            }
        }
    }
}
