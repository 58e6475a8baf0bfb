using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.IntegrationTests.Budgets;
using AiFinOps.IntegrationTests.Infrastructure;
using AiFinOps.IntegrationTests.Reporting;

namespace AiFinOps.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard's system with a month's worth of usage seeded through the real APIs (gRPC ingest, REST): two teams,
/// three workflows, models in two environments, an untagged and an unpriced call, two budgets, a registered workflow
/// and a generated monthly report — and the keys the tests sign in with.
/// </summary>
public sealed class SeededDashboard : IAsyncLifetime
{
    public const string Search = "search";
    public const string Growth = "growth";

    public DashboardSystem System { get; } = new();
    public string FinanceKey { get; private set; } = "";
    public string GrowthKey { get; private set; } = "";
    public string EmitterKey { get; private set; } = "";
    public string SearchBudget { get; private set; } = "";
    public string Month { get; } = DateTime.UtcNow.ToString("yyyy-MM");

    public async Task InitializeAsync()
    {
        await System.InitializeAsync();
        var services = System.Services;
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        await Seeding.RecordAsync(services,
        [
            .. Enumerable.Range(0, 3).Select(_ => Seeding.Call(at, Search, "triage", "gpt-4o-mini", input: 1_000, output: 500)),
            Seeding.Call(at, Search, "triage", "gpt-4o", environment: "staging", input: 2_000, output: 300),
            .. Enumerable.Range(0, 2).Select(_ => Seeding.Call(at, Search, "summarise", "gpt-4o", input: 8_000, output: 1_000, costCentre: "CC-100")),
            .. Enumerable.Range(0, 2).Select(_ => Seeding.Call(at, Growth, "outreach", "gpt-4o-mini", input: 3_000, output: 800)),
            Seeding.Call(at, Growth, "outreach", "mystery-model-1", provider: "openai"),
            Seeding.Call(at, "", "", "gpt-4o-mini", environment: ""),
        ]);
        await Eventually.Until(() => SpendApi.ByTeamAsync(services.Allocation, ReportingSystem.AdminKey),
            teams => teams.Values.Sum(t => t.Events) == 10, "allocation booked the ten seeded calls");

        FinanceKey = await SpendApi.IssueKeyAsync(services.Ingest, "dashboard-finance", ["finance"]);
        GrowthKey = await SpendApi.IssueKeyAsync(services.Ingest, "dashboard-growth", ["read"], [Growth]);
        EmitterKey = await SpendApi.IssueKeyAsync(services.Ingest, "dashboard-emitter", ["ingest"]);

        SearchBudget = await BudgetApi.DefineAsync(services.Budgeting, ReportingSystem.AdminKey, Search, 5m);
        await BudgetApi.DefineAsync(services.Budgeting, ReportingSystem.AdminKey, Growth, 0.01m);
        await Eventually.Until(() => ReadApi.AccruedByTeamAsync(services.Budgeting, ReportingSystem.AdminKey),
            teams => teams.GetValueOrDefault(Search).Events == 6 && teams.GetValueOrDefault(Growth).Events == 3, "budgeting accrued the seeded calls");

        using var anomaly = services.Client(services.Anomaly);
        using var registered = await anomaly.PostAsJsonAsync("/api/v1/workflows", new
        {
            name = "triage",
            ownerTeam = Search,
            description = "support ticket triage",
            estimatedMonthlyCostUsd = 40m,
            expectedTokensPerRun = 1_500,
            expectedRunsPerDay = 100m,
        });
        registered.EnsureSuccessStatusCode();

        using var reporting = services.Client(services.Reporting);
        using var report = await reporting.PostAsync($"/api/v1/reports/monthly/{Month}", null);
        report.EnsureSuccessStatusCode();
    }

    /// <summary>GET a service's answer with a key, as the dashboard asks it.</summary>
    public async Task<JsonElement> ApiAsync<T>(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<T> service, string pathAndQuery, string key)
        where T : class => await ReadApi.GetAsync(service, pathAndQuery, key);

    public Task DisposeAsync() => System.DisposeAsync();
}
