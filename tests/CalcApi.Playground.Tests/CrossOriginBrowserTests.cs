using System.Net;
using System.Text.Json;
using CalcApi.Playground.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CalcApi.Playground.Tests;

/// <summary>
/// Contract section 10 in a real browser: a teaching tool's page on another origin calls the API with fetch
/// (a JSON POST, so Chromium sends a preflight first) and reads the answer and a problem's body; a path outside
/// /api gives that page nothing, which shows the browser is enforcing CORS here and the test can fail.
/// </summary>
public sealed class CrossOriginBrowserTests(PlaygroundHost host, ITestOutputHelper output) : IClassFixture<PlaygroundHost>
{
    [SkippableFact]
    public async Task A_page_on_another_origin_calls_the_api_and_reads_answers_and_problems()
    {
        Chromium.Require();
        var api = host.BaseAddress.ToString().TrimEnd('/');
        // Another origin: a second server on the loopback interface (another port, and "localhost" for the host),
        // serving the tool's page. (A page the browser makes up itself sits in no address space Chromium trusts to
        // reach loopback, so it would be blocked by local-network rules before CORS is even asked.)
        await using var toolServer = await ToolServer.StartAsync(Page(api));
        var tool = toolServer.PageAddress;
        Assert.NotEqual(new Uri(tool).GetLeftPart(UriPartial.Authority), new Uri(api).GetLeftPart(UriPartial.Authority));
        await using var context = await host.Browser!.NewContextAsync();
        var page = await context.NewPageAsync();
        page.Console += (_, message) => output.WriteLine($"console {message.Type}: {message.Text}");

        await page.GotoAsync(tool);
        var outcome = await page.EvaluateAsync<JsonElement>("() => window.calls");

        output.WriteLine(outcome.GetRawText());
        var answer = outcome.GetProperty("answer");
        Assert.Equal(200, answer.GetProperty("status").GetInt32());
        Assert.Equal("-2*x*sin(x^2)*exp(cos(x^2))", answer.GetProperty("body").GetProperty("derivative").GetString());
        var problem = outcome.GetProperty("problem");
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(5, problem.GetProperty("body").GetProperty("position").GetInt32());
        Assert.Equal("blocked", outcome.GetProperty("health").GetString());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathOf("cross-origin.png"), FullPage = true });
    }

    /// <summary>A server of one page, on another port of the loopback interface.</summary>
    private sealed class ToolServer(WebApplication app, string pageAddress) : IAsyncDisposable
    {
        public string PageAddress => pageAddress;

        public static async Task<ToolServer> StartAsync(string html)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapGet("/tool.html", () => Results.Content(html, "text/html"));
            await app.StartAsync();
            var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
            return new ToolServer(app, $"http://localhost:{port}/tool.html");
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }

    /// <summary>The tool's page: three fetches to the API's origin, their outcomes in window.calls and on the page.</summary>
    private static string Page(string api) => $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>A teaching tool on another origin</title></head>
        <body>
        <h1>A teaching tool on another origin</h1>
        <pre id="out">calling {{api}} …</pre>
        <script>
        const api = {{JsonSerializer.Serialize(api)}};
        async function post(path, body) {
          const response = await fetch(api + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
          return { status: response.status, body: await response.json() };
        }
        window.calls = (async () => {
          const answer = await post('/api/differentiate', { expression: 'exp(cos(x^2))', variable: 'x' });
          const problem = await post('/api/differentiate', { expression: 'sin(x' });
          let health;
          try { await fetch(api + '/health/ready'); health = 'read'; } catch { health = 'blocked'; }
          const calls = { answer, problem, health };
          document.getElementById('out').textContent = JSON.stringify(calls, null, 2);
          return calls;
        })();
        </script>
        </body></html>
        """;
}
