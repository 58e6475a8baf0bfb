using System.Diagnostics;

namespace AiFinOps.IntegrationTests.Reporting;

/// <summary>
/// Debian's Chromium, headless, opening a page and keeping a screenshot as a test artifact (in
/// <c>AIFINOPS_TEST_ARTIFACTS</c>, else <c>artifacts/</c> beside the test assembly). Never downloads a browser.
/// </summary>
public static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    public static string ArtifactsFolder
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("AIFINOPS_TEST_ARTIFACTS") is { Length: > 0 } configured
                ? configured
                : Path.Combine(AppContext.BaseDirectory, "artifacts");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>Renders the file and writes the PNG; the browser's output when it failed.</summary>
    public static async Task<string> ScreenshotAsync(string htmlFile, string pngFile)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: sudo apt-get install -y chromium (the test command installs it).");
        if (File.Exists(pngFile)) File.Delete(pngFile);
        var profile = Directory.CreateTempSubdirectory("aifinops-chromium-");
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            ArgumentList =
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run",
                $"--user-data-dir={profile.FullName}", "--window-size=1100,2600", $"--screenshot={pngFile}", new Uri(htmlFile).AbsoluteUri,
            },
        };
        using var browser = Process.Start(start)!;
        var output = browser.StandardError.ReadToEndAsync();
        _ = browser.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await browser.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            browser.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Executable} did not finish the screenshot in 120 s: {await output}");
        }
        try
        {
            profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A helper process may still hold a file: the temp folder goes with the machine.
        }
        return await output;
    }
}
