using System.Globalization;
using System.Text;

namespace CalcApi.LoadTest;

/// <summary>The summary table a run prints.</summary>
public static class Report
{
    /// <param name="byRequest">Adds a table with a line per request of the mix.</param>
    public static string Format(LoadResult result, bool byRequest = false)
    {
        var o = result.Options;
        var s = new StringBuilder();
        Line(s, $"CalcApi load test: {o.BaseAddress}, {o.Connections} connections, {Seconds(o.Duration)} measured after {Seconds(o.Warmup)} of warm-up");
        var mix = o.Mix ?? RequestMix.Default;
        var bad = mix.Where(t => t.Expect == Expectation.Problem).Sum(t => t.Weight) / (double)mix.Sum(t => t.Weight);
        Line(s, $"mix: {mix.Count} requests over {mix.Select(t => t.Endpoint).Distinct().Count()} endpoints, {bad:P0} of them deliberately bad (a 4xx problem is their right answer)");
        Line(s, "");

        const string header = "{0,-32} {1,10} {2,9} {3,10} {4,8} {5,8} {6,8} {7,8} {8,7}";
        Line(s, string.Format(CultureInfo.InvariantCulture, header, "endpoint", "requests", "4xx ok", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors"));
        foreach (var e in result.Endpoints)
        {
            Row(e.Endpoint, e.Requests, e.ExpectedProblems, e.Latency, e.Errors);
        }

        Line(s, new string('-', 108));
        Row("all", result.Requests, result.ExpectedProblems, result.Latency, result.Endpoints.Sum(e => e.Errors));
        if (byRequest)
        {
            Line(s, "");
            const string perRequest = "{0,-40} {1,-30} {2,9} {3,8} {4,8} {5,8} {6,7}";
            Line(s, string.Format(CultureInfo.InvariantCulture, perRequest, "request", "endpoint", "sent", "p50 ms", "p99 ms", "max ms", "errors"));
            foreach (var t in result.Templates)
            {
                Line(s, string.Format(CultureInfo.InvariantCulture, perRequest, t.Name, t.Endpoint, t.Sent.ToString("N0", CultureInfo.InvariantCulture),
                    Ms(t.Latency.P50), Ms(t.Latency.P99), Ms(t.Latency.Max), t.Errors.ToString("N0", CultureInfo.InvariantCulture)));
            }
        }

        Line(s, "");
        Line(s, FormattableString.Invariant($"requests {result.Requests:N0} in {result.Elapsed.TotalSeconds:0.0} s: {result.RequestsPerSecond:N0} requests/s; latency p50 {Ms(result.Latency.P50)} ms, p90 {Ms(result.Latency.P90)} ms, p99 {Ms(result.Latency.P99)} ms, max {Ms(result.Latency.Max)} ms"));
        Line(s, FormattableString.Invariant($"warm-up: {result.WarmupRequests:N0} requests, {result.WarmupErrors:N0} errors"));
        if (result.Errors == 0)
        {
            Line(s, "errors: 0");
        }
        else
        {
            Line(s, FormattableString.Invariant($"errors: {result.Errors:N0}"));
            foreach (var (kind, count) in result.ErrorsByKind.OrderByDescending(k => k.Value))
            {
                Line(s, FormattableString.Invariant($"  {count,8:N0}  {kind}"));
            }

            Line(s, $"the first {result.ErrorSamples.Count} errors:");
            foreach (var e in result.ErrorSamples)
            {
                Line(s, FormattableString.Invariant($"  [{e.Kind}] {e.Request}: {e.Endpoint} after {Ms(e.Elapsed)} ms, status {(e.Status?.ToString(CultureInfo.InvariantCulture) ?? "none")}"));
                if (e.Body is not null)
                {
                    Line(s, $"    sent: {e.Body}");
                }

                if (!string.IsNullOrEmpty(e.Detail))
                {
                    Line(s, $"    got:  {e.Detail.ReplaceLineEndings(" ")}");
                }
            }
        }

        return s.ToString();

        void Row(string name, long requests, long problems, LatencySummary l, long errors) =>
            Line(s, string.Format(CultureInfo.InvariantCulture, header, name, requests.ToString("N0", CultureInfo.InvariantCulture),
                problems.ToString("N0", CultureInfo.InvariantCulture),
                (result.Elapsed > TimeSpan.Zero ? requests / result.Elapsed.TotalSeconds : 0).ToString("N1", CultureInfo.InvariantCulture),
                Ms(l.P50), Ms(l.P90), Ms(l.P99), Ms(l.Max), errors.ToString("N0", CultureInfo.InvariantCulture)));
    }

    private static void Line(StringBuilder s, string text) => s.Append(text).Append('\n');

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString(t.TotalMilliseconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
