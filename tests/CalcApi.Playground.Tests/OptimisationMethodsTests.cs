using CalcApi.Playground.Tests.Support;
using Xunit.Abstractions;

namespace CalcApi.Playground.Tests;

/// <summary>The playground offers lbfgs and shows the run's diagnostics (what the curvature at the start says) on its card.</summary>
public sealed class OptimisationMethodsTests(PlaygroundHost host, ITestOutputHelper output) : IClassFixture<PlaygroundHost>
{
    [SkippableFact]
    public async Task Lbfgs_is_offered_runs_rosenbrock_and_the_card_shows_the_diagnostics_notes()
    {
        Chromium.Require();
        var (page, errors) = await PlaygroundPage.OpenAsync(host, 1280, 900);

        await page.SelectOptionAsync("#preset", "rosenbrock");
        await page.SelectOptionAsync("#a-method", "lbfgs");
        Assert.True(await page.Locator("#a-memory").IsVisibleAsync(), "The memory field is not shown for lbfgs.");
        await page.ClickAsync("#run");
        var finalLoss = await PlaygroundPage.FinalLossAsync(page, "a");

        Assert.True(finalLoss < 1e-10, $"L-BFGS should solve Rosenbrock; the page shows {finalLoss:R}.");
        Assert.Contains("converged", await page.Locator("#result-a .stop").InnerTextAsync(), StringComparison.Ordinal);
        Assert.InRange(int.Parse(await page.Locator("#result-a .iterations").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture), 1, 59);

        // Gradient descent on the quadratic preset: its card says where its learning rate stands against 2/L.
        await page.SelectOptionAsync("#preset", "quadratic");
        await page.ClickAsync("#run");
        await PlaygroundPage.FinalLossAsync(page, "a");
        var notes = await page.Locator("#result-a .diagnostics li").AllInnerTextsAsync();
        Assert.Contains(notes, n => n.StartsWith("Learning rate 0.1 is below 2/L = 0.3118", StringComparison.Ordinal));
        await PlaygroundPage.SaveScreenshotAsync(page, "playground-lbfgs.png", output);
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task Newton_is_offered_solves_rosenbrock_in_under_30_iterations_and_the_card_says_where_its_hessian_came_from()
    {
        Chromium.Require();
        var (page, errors) = await PlaygroundPage.OpenAsync(host, 1280, 900);

        await page.SelectOptionAsync("#preset", "rosenbrock");
        await page.SelectOptionAsync("#a-method", "newton");
        await page.ClickAsync("#run");
        var finalLoss = await PlaygroundPage.FinalLossAsync(page, "a");

        Assert.True(finalLoss < 1e-10, $"Newton should solve Rosenbrock; the page shows {finalLoss:R}.");
        Assert.Contains("converged", await page.Locator("#result-a .stop").InnerTextAsync(), StringComparison.Ordinal);
        Assert.InRange(int.Parse(await page.Locator("#result-a .iterations").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture), 2, 29);
        var notes = await page.Locator("#result-a .diagnostics li").AllInnerTextsAsync();
        Assert.Contains(notes, n => n.StartsWith("Newton's Hessian is exact", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("The Armijo search shortened", StringComparison.Ordinal));
        Assert.Contains("Newton", await page.Locator("#result-a").InnerTextAsync(), StringComparison.Ordinal);
        await PlaygroundPage.SaveScreenshotAsync(page, "playground-newton.png", output);

        // Gradient descent on the quadratic preset: the card puts the predicted rate next to the observed one.
        await page.SelectOptionAsync("#preset", "quadratic");
        await page.SelectOptionAsync("#a-method", "gd");
        await page.ClickAsync("#run");
        await PlaygroundPage.FinalLossAsync(page, "a");
        notes = await page.Locator("#result-a .diagnostics li").AllInnerTextsAsync();
        Assert.Contains(notes, n => n.StartsWith("The loss is quadratic", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("Observed:", StringComparison.Ordinal));
        Assert.Empty(errors);
    }
}
