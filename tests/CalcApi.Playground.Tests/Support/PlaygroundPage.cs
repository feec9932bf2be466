using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CalcApi.Playground.Tests.Support;

/// <summary>
/// Opening the playground in a fresh browser context, with every console error and every request that
/// leaves the API collected, and the few reads the tests share (a run's final loss, a screenshot).
/// </summary>
public static class PlaygroundPage
{
    public const float Timeout = 20_000;

    /// <summary>Opens <paramref name="path"/> (the page, or a shared link to it) at the given size and waits until the page is wired.</summary>
    public static async Task<(IPage Page, List<string> Errors)> OpenAsync(PlaygroundHost host, int width, int height, string path = "/")
    {
        var context = await host.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        // Nothing on the page may come from anywhere but the API itself.
        await page.RouteAsync(url => !url.StartsWith(host.BaseAddress.ToString(), StringComparison.Ordinal), route =>
        {
            errors.Add($"The page fetched {route.Request.Url}");
            return route.AbortAsync();
        });

        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"GET {path} answered {response?.Status}.");
        await page.Locator("body[data-ready='true']").WaitForAsync();
        return (page, errors);
    }

    /// <summary>The final loss on run <paramref name="run"/>'s card, once the run has one.</summary>
    public static async Task<double> FinalLossAsync(IPage page, string run)
    {
        var loss = page.Locator($"#result-{run} .final-loss");
        await loss.WaitForAsync(new() { Timeout = Timeout });
        var value = await loss.GetAttributeAsync("data-value");
        Assert.True(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number),
            $"Run {run}'s final loss is not a number: '{value}' (shown as '{await loss.InnerTextAsync()}').");
        return number;
    }

    /// <summary>A full-page screenshot in TestResults/, named in the test's output.</summary>
    public static async Task SaveScreenshotAsync(IPage page, string fileName, ITestOutputHelper output)
    {
        var path = Artifacts.PathOf(fileName);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }
}
