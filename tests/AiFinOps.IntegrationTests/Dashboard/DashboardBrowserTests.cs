using System.Globalization;
using System.Text.Json;
using AiFinOps.IntegrationTests.Infrastructure;
using AiFinOps.IntegrationTests.Reporting;
using AiFinOps.Web.Formatting;
using Microsoft.Playwright;
using static AiFinOps.IntegrationTests.Dashboard.DashboardPages;
using static Microsoft.Playwright.Assertions;

namespace AiFinOps.IntegrationTests.Dashboard;

/// <summary>
/// The web dashboard in Debian's headless Chromium against every service in-process: the figures on screen are the
/// APIs' own for the same key and query, a team key never sees another team, and each page is kept as a screenshot.
/// </summary>
public sealed class DashboardBrowserTests(SeededDashboard seeded) : IClassFixture<SeededDashboard>
{
    private DashboardSystem System => seeded.System;
    private ReportingSystem Services => seeded.System.Services;

    [Fact]
    public async Task Drilling_from_the_overview_to_a_workflow_shows_the_spend_apis_own_figures_at_every_level()
    {
        var page = await System.NewSessionAsync();
        await SignInAsync(page, seeded.FinanceKey);
        await LoadedAsync(page);

        var month = await seeded.ApiAsync(Services.Allocation, "/api/v1/spend?groupBy=team", seeded.FinanceKey);
        await ExpectUsd(page.Locator("[data-testid=mtd-spend] .usd"), Total(month));
        foreach (var row in month.GetProperty("rows").EnumerateArray())
        {
            var team = row.GetProperty("team").GetString()!;
            var cells = page.Locator("[data-testid=top-teams] tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = team, Exact = true }) });
            await ExpectUsd(cells.Locator(".usd"), row.GetProperty("effectiveCostUsd").GetDecimal());
        }
        await ScreenshotAsync(page, "overview");

        await page.Locator("[data-testid=top-teams]").GetByRole(AriaRole.Link, new() { Name = SeededDashboard.Search, Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/explore?team=search");
        await ExpectBreakdownAsync(page, "workflow", "/api/v1/spend?groupBy=workflow&team=search");
        await ScreenshotAsync(page, "explore-team");

        await page.Locator("[data-testid=breakdown]").GetByRole(AriaRole.Link, new() { Name = "triage", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/explore?team=search&workflow=triage");
        var models = await ExpectBreakdownAsync(page, "model", "/api/v1/spend?groupBy=model&team=search&workflow=triage");
        Assert.Equal(["gpt-4o", "gpt-4o-mini"], models.Order());
        await Expect(page.Locator("[data-testid=crumb-workflow]")).ToHaveTextAsync("workflow triage");
        await Expect(page.Locator("[data-testid=explore-chart] rect.bar")).Not.ToHaveCountAsync(0);
        await ScreenshotAsync(page, "explore-workflow");
    }

    [Fact]
    public async Task A_team_key_sees_only_its_team_even_when_the_url_asks_for_another()
    {
        var page = await System.NewSessionAsync();
        await SignInAsync(page, seeded.GrowthKey);
        await LoadedAsync(page);

        await Expect(page.Locator("[data-testid=signed-in-as]")).ToContainTextAsync("team growth only");
        await Expect(page.Locator("[data-testid=top-teams] tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=top-teams] tbody tr")).ToContainTextAsync(SeededDashboard.Growth);
        var own = await seeded.ApiAsync(Services.Allocation, "/api/v1/spend?groupBy=team", seeded.GrowthKey);
        await ExpectUsd(page.Locator("[data-testid=mtd-spend] .usd"), Total(own));
        await Expect(page.Locator("[data-testid=budgets] tbody tr")).ToHaveCountAsync(1);

        // A forged link to the other team: the API answers nothing for this key, and so does the page.
        await page.GotoAsync("/explore?team=search");
        await LoadedAsync(page);
        await Expect(page.Locator("[data-testid=empty]")).ToContainTextAsync("No spend for team search");
        await Expect(page.Locator("[data-testid=breakdown]")).ToHaveCountAsync(0);
        var forged = await seeded.ApiAsync(Services.Allocation, "/api/v1/spend?groupBy=workflow&team=search", seeded.GrowthKey);
        Assert.Equal(0, forged.GetProperty("rows").GetArrayLength());
        await ScreenshotAsync(page, "team-key-forged-url");

        await page.GotoAsync("/chargeback");
        await LoadedAsync(page);
        await Expect(page.Locator("[data-testid=chargeback-lines] tbody tr")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=chargeback-lines]")).Not.ToContainTextAsync("CC-100");

        // Signing out ends the session: the next page asks for a key again.
        await page.ClickAsync("form.signout button");
        await page.WaitForURLAsync("**/signin");
        await page.GotoAsync("/explore");
        await page.WaitForURLAsync("**/signin?**");
    }

    [Fact]
    public async Task Every_page_renders_its_figures_and_is_kept_as_a_screenshot()
    {
        var page = await System.NewSessionAsync();
        await page.GotoAsync("/signin");
        await ScreenshotAsync(page, "signin");
        await SignInAsync(page, seeded.FinanceKey, "/explore");

        var pages = new (string Path, string Title, string Shows)[]
        {
            ("/explore", "Explore spend", "[data-testid=breakdown] tbody tr"),
            ("/chargeback", "Chargeback", "[data-testid=chargeback-lines] tbody tr"),
            ("/budgets", "Budgets", "[data-testid=budgets] tbody tr"),
            ($"/budgets/{seeded.SearchBudget}", $"Budget {seeded.SearchBudget}", "[data-testid=thresholds] tbody tr"),
            ("/anomalies", "Anomalies", "h1"),
            ("/workflows", "Workflows", "[data-testid=workflows] tbody tr"),
            ("/reports", "Reports", "[data-testid=reports-monthly] tbody tr"),
            ("/prices", "Prices", "[data-testid=prices] tbody tr"),
            ("/data-quality", "Data quality", "[data-testid=unpriced] tbody tr"),
            ("/", "Overview", "[data-testid=budgets] tbody tr"),
        };
        foreach (var (path, title, shows) in pages)
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("h1")).ToHaveTextAsync(title);
            await LoadedAsync(page);
            await Expect(page.Locator("[data-testid=api-problem]")).ToHaveCountAsync(0);
            await Expect(page.Locator(shows).First).ToBeVisibleAsync();
            await ScreenshotAsync(page, path switch { "/" => "overview-budgets", _ when path.StartsWith("/budgets/") => "budget", _ => path.Trim('/') });
        }

        await page.GotoAsync("/reports");
        await Expect(page.Locator("[data-testid=reports-monthly]")).ToContainTextAsync(seeded.Month);
        await page.GotoAsync("/data-quality");
        await Expect(page.Locator("[data-testid=unpriced]")).ToContainTextAsync("mystery-model-1");
        await page.GotoAsync("/workflows");
        await Expect(page.Locator("[data-testid=workflows]")).ToContainTextAsync("triage");
    }

    [Fact]
    public async Task Downloads_carry_the_apis_figures_for_the_view_on_screen()
    {
        var page = await System.NewSessionAsync();
        await SignInAsync(page, seeded.FinanceKey, "/explore?team=search");
        await LoadedAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=download-csv]"));
        var lines = File.ReadAllLines(await download.PathAsync());
        var api = await seeded.ApiAsync(Services.Allocation, "/api/v1/spend?groupBy=workflow&team=search", seeded.FinanceKey);
        Assert.StartsWith("workflow,listCostUsd,effectiveCostUsd", lines[0]);
        Assert.Equal(
            api.GetProperty("rows").EnumerateArray().Select(r => $"{r.GetProperty("workflow").GetString()},{r.GetProperty("listCostUsd").GetRawText()},{r.GetProperty("effectiveCostUsd").GetRawText()}"),
            lines.Skip(1).Select(l => string.Join(',', l.Split(',').Take(3))));

        await page.GotoAsync("/chargeback");
        await LoadedAsync(page);
        var statement = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=download-chargeback-csv]"));
        using var allocation = Services.Client(Services.Allocation, seeded.FinanceKey);
        var expected = await allocation.GetStringAsync($"/api/v1/chargeback/{seeded.Month}?format=csv");
        Assert.Equal(expected, await File.ReadAllTextAsync(await statement.PathAsync()));
    }

    [Fact]
    public async Task Month_to_date_spend_moves_on_screen_without_a_reload_when_usage_arrives()
    {
        var page = await System.NewSessionAsync();
        await SignInAsync(page, seeded.GrowthKey);
        await LoadedAsync(page);
        var figure = page.Locator("[data-testid=mtd-spend] .usd");
        var before = await figure.GetAttributeAsync("data-usd");
        await page.EvaluateAsync("window.sameDocument = true");

        await Seeding.RecordAsync(Services, [Seeding.Call(DateTimeOffset.UtcNow.AddMinutes(-1), SeededDashboard.Growth, "outreach", "gpt-4o", input: 50_000, output: 5_000)]);
        var after = await Eventually.Until(() => seeded.ApiAsync(Services.Allocation, "/api/v1/spend?groupBy=team", seeded.GrowthKey),
            spend => Total(spend).ToString(CultureInfo.InvariantCulture) != before, "allocation booked the new call");

        await ExpectUsd(figure, Total(after));
        Assert.True(await page.EvaluateAsync<bool>("window.sameDocument === true"), "the page was reloaded");
    }

    [Fact]
    public async Task Keys_that_cannot_read_are_told_why()
    {
        var page = await System.NewSessionAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/signin?**");
        await page.FillAsync("#key", "afo_not_a_key_at_all");
        await page.ClickAsync("form[data-testid=signin-form] button[type=submit]");
        await Expect(page.Locator("[data-testid=signin-problem]")).ToContainTextAsync("not known");

        await SignInAsync(page, seeded.EmitterKey);
        await LoadedAsync(page);
        await Expect(page.Locator("[data-testid=api-problem]").First).ToContainTextAsync("lacks the 'read' scope");
        await ScreenshotAsync(page, "ingest-only-key");
    }

    [Fact]
    public async Task The_gateway_serves_the_dashboard_at_its_root_live_connection_included()
    {
        var page = await System.NewSessionAsync(System.GatewayAddress);
        await SignInAsync(page, seeded.FinanceKey);
        Assert.StartsWith(System.GatewayAddress.ToString(), page.Url);
        await LoadedAsync(page);
        var month = await seeded.ApiAsync(Services.Allocation, "/api/v1/spend?groupBy=team", seeded.FinanceKey);
        await ExpectUsd(page.Locator("[data-testid=mtd-spend] .usd"), Total(month));

        // The figures refresh over Blazor's WebSocket (/_blazor), which the gateway forwards like any other path.
        var stamp = await page.Locator("[data-testid=refreshed-at]").TextContentAsync();
        await Expect(page.Locator("[data-testid=refreshed-at]")).Not.ToHaveTextAsync(stamp!);
        await page.Locator("nav.side").GetByRole(AriaRole.Link, new() { Name = "Explore", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Explore spend");
        Assert.StartsWith(System.GatewayAddress.ToString(), page.Url);

        // The gateway's own pages stay its own.
        using var gateway = new HttpClient { BaseAddress = System.GatewayAddress };
        var reference = await gateway.GetStringAsync("/scalar");
        Assert.Contains("AiFinOps API", reference);
    }

    private async Task<IReadOnlyList<string>> ExpectBreakdownAsync(IPage page, string dimension, string apiQuery)
    {
        await LoadedAsync(page);
        var api = await seeded.ApiAsync(Services.Allocation, apiQuery, seeded.FinanceKey);
        var rows = api.GetProperty("rows").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        await Expect(page.Locator("[data-testid=breakdown] tbody tr[data-testid=row]")).ToHaveCountAsync(rows.Count);
        foreach (var row in rows)
        {
            var name = row.GetProperty(dimension).GetString()!;
            var line = page.Locator($"[data-testid=breakdown] tr[data-name='{name}']");
            await ExpectUsd(line.Locator("[data-testid=effective] .usd"), row.GetProperty("effectiveCostUsd").GetDecimal());
            await Expect(line.Locator("[data-testid=events]")).ToHaveTextAsync(Money.Count(row.GetProperty("events").GetInt64()));
        }
        await ExpectUsd(page.Locator("[data-testid=breakdown] tr[data-testid=total] [data-testid=effective] .usd"), Total(api));
        return [.. rows.Select(r => r.GetProperty(dimension).GetString()!)];
    }

    /// <summary>The exact amount (its attribute) and the amount as the page writes it.</summary>
    private static async Task ExpectUsd(ILocator usd, decimal expected)
    {
        await Expect(usd).ToHaveAttributeAsync("data-usd", expected.ToString(CultureInfo.InvariantCulture));
        await Expect(usd).ToHaveTextAsync(Money.Format(expected));
    }

    private static decimal Total(JsonElement spend) => spend.GetProperty("totals").GetProperty("effectiveCostUsd").GetDecimal();
}
