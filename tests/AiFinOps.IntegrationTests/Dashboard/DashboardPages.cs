using AiFinOps.IntegrationTests.Reporting;
using Microsoft.Playwright;

namespace AiFinOps.IntegrationTests.Dashboard;

/// <summary>What the browser tests do on every page: sign in, wait for the figures, keep a screenshot.</summary>
public static class DashboardPages
{
    public static async Task SignInAsync(IPage page, string key, string path = "/")
    {
        await page.GotoAsync(path);
        await page.WaitForURLAsync("**/signin?**");
        await page.FillAsync("#key", key);
        await page.ClickAsync("form[data-testid=signin-form] button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
    }

    /// <summary>The page rendered on its circuit and every read answered (no "Loading…" left).</summary>
    public static async Task LoadedAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=loading]")).ToHaveCountAsync(0, new() { Timeout = 45_000 });
    }

    /// <summary>A full-page PNG in the test artifacts (<c>AIFINOPS_TEST_ARTIFACTS</c>), named after the page.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        await LoadedAsync(page);
        var file = Path.Combine(HeadlessChromium.ArtifactsFolder, $"dashboard-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        Assert.True(new FileInfo(file).Length > 5_000, $"{file} is nearly empty");
        return file;
    }
}
