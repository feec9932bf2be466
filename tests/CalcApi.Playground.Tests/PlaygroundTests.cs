using CalcApi.Playground.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CalcApi.Playground.Tests;

/// <summary>The playground at / in a real browser: presets run against the real API and draw their results.</summary>
public sealed class PlaygroundTests(PlaygroundHost host, ITestOutputHelper output) : IClassFixture<PlaygroundHost>
{
    private const float Timeout = PlaygroundPage.Timeout;

    [SkippableFact]
    public async Task The_lecture_preset_runs_to_a_tiny_loss_and_draws_its_curve()
    {
        Chromium.Require();
        var (page, errors) = await OpenAsync(1280, 900);

        await page.SelectOptionAsync("#preset", "lecture");
        await page.ClickAsync("#run");
        var finalLoss = await FinalLossAsync(page, "a");

        Assert.True(finalLoss < 1e-6, $"The lecture's loss should end below 1e-6; the page shows {finalLoss:R}.");
        Assert.True(await page.Locator("#loss-chart path.series--a").CountAsync() == 1, "The loss chart has no curve.");
        Assert.True((await page.Locator("#loss-chart path.series--a").GetAttributeAsync("d"))!.Count(c => c == 'L') > 2, "The loss curve has too few points.");
        Assert.True(await page.Locator("#maths math").CountAsync() >= 2, "The loss and its gradient are not shown as MathML.");
        Assert.True(await page.Locator("#contour").IsHiddenAsync(), "A problem with six unknowns has no contour plot.");
        Assert.Contains("converged", await page.Locator("#result-a .stop").InnerTextAsync(), StringComparison.Ordinal);
        await SaveScreenshotAsync(page, "playground-lecture.png");
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task The_quadratic_preset_with_two_methods_draws_contours_and_both_paths()
    {
        Chromium.Require();
        var (page, errors) = await OpenAsync(1280, 900);

        await page.SelectOptionAsync("#preset", "quadratic");
        await page.CheckAsync("#compare");
        await page.ClickAsync("#run");
        var lossA = await FinalLossAsync(page, "a");
        var lossB = await FinalLossAsync(page, "b");
        await page.Locator("#contour .contour__lines path").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });

        // x'Mx + a'x is smallest at x = -M⁻¹a/2, where it is -a'M⁻¹a/4 = -16/23.
        Assert.Equal(-16.0 / 23.0, lossA, 1e-6);
        Assert.Equal(-16.0 / 23.0, lossB, 1e-6);
        Assert.True(await page.Locator("#contour").IsVisibleAsync(), "The contour plot is not shown.");
        Assert.True(await page.Locator("#contour .contour__lines path").CountAsync() >= 5, "Too few contour lines.");
        foreach (var run in new[] { "a", "b" })
        {
            var path = await page.Locator($"#contour path.path--{run}").GetAttributeAsync("d", new() { Timeout = Timeout });
            Assert.True(path is not null && path.Count(c => c == 'L') >= 3, $"Run {run}'s path over the contours is missing or too short: {path}");
            Assert.True(await page.Locator($"#loss-chart path.series--{run}").CountAsync() == 1, $"Run {run} has no loss curve.");
        }

        Assert.Equal(2, await page.Locator("#contour-legend li").CountAsync());
        // The loss as typed and as the API normalised it (terms in its order) are both shown.
        Assert.Contains("x'*M*x + a'*x", await page.Locator("#maths .maths__typed").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("a'*x + x'*M*x", await page.Locator("#maths .maths__text").First.InnerTextAsync());
        await SaveScreenshotAsync(page, "playground.png");
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task On_a_phone_the_page_fits_its_width_and_an_error_shows_by_the_loss()
    {
        Chromium.Require();
        var (page, errors) = await OpenAsync(390, 844);

        await page.FillAsync("#loss", "(1 - x)^2 + ");
        await page.ClickAsync("#run");
        var error = page.Locator("#loss-error");
        await error.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Timeout });

        Assert.False(string.IsNullOrWhiteSpace(await error.InnerTextAsync()), "The API's problem detail is not shown by the loss field.");
        Assert.Equal("true", await page.Locator("#loss").GetAttributeAsync("aria-invalid"));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than a phone's screen.");
        await SaveScreenshotAsync(page, "playground-phone-error.png");
        Assert.DoesNotContain(errors, e => !e.Contains("status of 4", StringComparison.Ordinal));
    }

    private Task<(IPage Page, List<string> Errors)> OpenAsync(int width, int height) => PlaygroundPage.OpenAsync(host, width, height);

    private static Task<double> FinalLossAsync(IPage page, string run) => PlaygroundPage.FinalLossAsync(page, run);

    private Task SaveScreenshotAsync(IPage page, string fileName) => PlaygroundPage.SaveScreenshotAsync(page, fileName, output);
}
