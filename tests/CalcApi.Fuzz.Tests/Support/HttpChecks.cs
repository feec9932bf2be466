using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Fuzz.Tests.Generators;

namespace CalcApi.Fuzz.Tests.Support;

/// <summary>Sends a <see cref="HttpCase"/> under a wall-clock guard and checks the answer against the contract.</summary>
public static class HttpChecks
{
    /// <summary>A request (with its body read to the end) still unanswered after this long is a hang.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    public const string ContractExample = """{ "expression": "exp(cos(x^2))", "variable": "x", "order": 1, "at": { "x": 0.5 } }""";

    public static async Task<(HttpStatusCode Status, string? MediaType, string Body)> SendAsync(HttpClient client, HttpCase request)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.Body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        using var timeout = new CancellationTokenSource(RequestTimeout);
        try
        {
            using var response = await client.PostAsync(request.Path, content, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"No complete answer within {RequestTimeout.TotalSeconds:0} s: a hang.");
        }
    }

    /// <summary>2xx or 4xx, never 5xx; a 4xx is a problem document with status, title and detail; a 2xx is the JSON (or event stream) it promises.</summary>
    public static async Task AssertAnswersAsync(FuzzApiFactory factory, HttpClient client, HttpCase request, bool tolerateKnownBugs = false)
    {
        (HttpStatusCode Status, string? MediaType, string Body) answer;
        try
        {
            answer = await SendAsync(client, request);
        }
        catch (HttpRequestException broken) when (tolerateKnownBugs && KnownBugs.Recognise(broken.ToString()) is not null)
        {
            // A response that broke off (an event stream) for a known reason.
            return;
        }

        AssertAnswer(factory, request, (int)answer.Status, answer.MediaType, answer.Body, tolerateKnownBugs);
    }

    public static void AssertAnswer(FuzzApiFactory factory, HttpCase request, int status, string? mediaType, string body, bool tolerateKnownBugs = false)
    {
        var shown = Shorten(body);
        if (status is < 200 or >= 300 and < 400 or >= 500)
        {
            var errors = factory.TakeServerErrors(TraceId(body));
            if (tolerateKnownBugs && status == 500 && errors.Count > 0 && errors.All(e => KnownBugs.Recognise(e) is not null))
            {
                return;
            }

            Assert.Fail($"{status} (expected 2xx or 4xx): {shown}{(errors.Count == 0 ? "" : $"\nThe server logged:\n{string.Join("\n", errors.TakeLast(2))}")}");
        }

        if (status >= 400)
        {
            Assert.True(mediaType == "application/problem+json", $"a {status} answered as {mediaType ?? "(no media type)"}: {shown}");
            using var problem = Parse(body, status);
            var root = problem.RootElement;
            Assert.True(root.ValueKind == JsonValueKind.Object, $"a {status} whose problem is not an object: {shown}");
            Assert.True(root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.GetInt32() == status,
                $"a {status} whose problem has no matching status: {shown}");
            Assert.True(root.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(title.GetString()),
                $"a {status} whose problem has no title: {shown}");
            Assert.True(root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(detail.GetString()),
                $"a {status} whose problem has no detail: {shown}");
            if (root.TryGetProperty("position", out var position) && root.TryGetProperty("expression", out var expression) && expression.ValueKind == JsonValueKind.String)
            {
                Assert.True(position.ValueKind == JsonValueKind.Number && position.GetInt32() >= 0 && position.GetInt32() <= expression.GetString()!.Length,
                    $"a {status} whose position lies outside its expression: {shown}");
            }

            return;
        }

        if (request.Path == Routes.OptimizeStream)
        {
            Assert.True(mediaType == "text/event-stream", $"a {status} stream answered as {mediaType}: {shown}");
            Assert.Contains("event: summary", body, StringComparison.Ordinal);
            foreach (var line in body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)))
            {
                using var _ = Parse(line["data:".Length..], status);
            }

            return;
        }

        Assert.True(mediaType == "application/json", $"a {status} answered as {mediaType}: {shown}");
        using var document = Parse(body, status);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
    }

    /// <summary>The server still answers the contract's own example, and answers it right.</summary>
    public static async Task AssertStillAnswersAsync(HttpClient client)
    {
        var (status, _, body) = await SendAsync(client, new HttpCase(Routes.Differentiate, ContractExample));
        Assert.True(status == HttpStatusCode.OK, $"after the fuzzing, the contract's example gets {(int)status}: {Shorten(body)}");
        using var answer = JsonDocument.Parse(body);
        Assert.Equal("-2*x*sin(x^2)*exp(cos(x^2))", answer.RootElement.GetProperty("derivative").GetString());
    }

    /// <summary>The traceId of a problem document, if the body is one.</summary>
    private static string? TraceId(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("traceId", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonDocument Parse(string json, int status)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"a {status} whose body is not JSON ({ex.Message}): {Shorten(json)}");
        }
    }

    public static string Shorten(string body) => body.Length <= 1_500 ? body : $"{body[..1_500]}… ({body.Length:N0} characters)";
}
