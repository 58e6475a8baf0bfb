using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.Budgeting.Alerts;
using AiFinOps.Budgeting.Budgets;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.Budgeting.Tests;

/// <summary>Acknowledging alerts over REST: who may, what is recorded, idempotence, and the history's filter.</summary>
public sealed class AlertAcknowledgementTests(BudgetingApp app) : IClassFixture<BudgetingApp>
{
    /// <summary>A team budget whose threshold alert (80 %) has been raised; its alert id.</summary>
    private async Task<(string Team, string BudgetId, Guid AlertId)> AlertedAsync()
    {
        var team = Usages.NewTeam();
        var budget = await app.DefineAsync($"team:{team}", 10m);
        await app.DeliverAsync(Usages.Batch(Usages.Priced(team, 8.5m, 8.5m)));
        return (team, budget.Id, (await app.AlertsAsync(budget.Id, AlertKinds.Threshold)).Single().Id);
    }

    private Task<HttpResponseMessage> AcknowledgeAsync(string? key, object alertId, object? body = null) =>
        app.ClientWithKey(key).PostAsJsonAsync($"/api/v1/budgets/alerts/{alertId}/acknowledge", body);

    [Fact]
    public async Task A_team_key_acknowledges_its_alert_once_recording_who_when_and_why()
    {
        var (team, budgetId, alertId) = await AlertedAsync();

        using var first = await AcknowledgeAsync(TestApiKeys.ReaderOf(team), alertId, new { note = "  prompt change in triage, reverting  " });
        using var again = await AcknowledgeAsync(FinanceKeys.Finance, alertId, new { note = "seen" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        var acknowledged = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((TestApiKeys.ReaderOf(team), "prompt change in triage, reverting"),
            (acknowledged.GetProperty("acknowledgedBy").GetString(), acknowledged.GetProperty("acknowledgementNote").GetString()));
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("acknowledgedAt").GetDateTimeOffset(),
            acknowledged.GetProperty("acknowledgedAt").GetDateTimeOffset());

        var reader = app.ClientWithKey(TestApiKeys.Reader);
        var open = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/budgets/alerts?budgetId={budgetId}&acknowledged=false");
        var done = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/budgets/alerts?budgetId={budgetId}&acknowledged=true");
        Assert.DoesNotContain(open.EnumerateArray(), a => a.GetProperty("alertId").GetGuid() == alertId);
        Assert.Equal(alertId, Assert.Single(done.EnumerateArray()).GetProperty("alertId").GetGuid());
    }

    [Fact]
    public async Task An_acknowledgement_without_a_note_is_an_acknowledgement()
    {
        var (_, _, alertId) = await AlertedAsync();

        using var response = await app.ClientWithKey(TestApiKeys.Admin).PostAsync($"/api/v1/budgets/alerts/{alertId}/acknowledge", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alert = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((TestApiKeys.Admin, JsonValueKind.Null), (alert.GetProperty("acknowledgedBy").GetString(), alert.GetProperty("acknowledgementNote").ValueKind));
    }

    [Fact]
    public async Task A_team_key_cannot_acknowledge_or_see_another_team_s_alert()
    {
        var (_, budgetId, alertId) = await AlertedAsync();
        var other = Usages.NewTeam();

        using var response = await AcknowledgeAsync(TestApiKeys.ReaderOf(other), alertId);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var seen = await app.ClientWithKey(TestApiKeys.ReaderOf(other)).GetFromJsonAsync<JsonElement>($"/api/v1/budgets/alerts?budgetId={budgetId}");
        Assert.Empty(seen.EnumerateArray());
        var history = await app.ClientWithKey(TestApiKeys.Reader).GetFromJsonAsync<JsonElement>($"/api/v1/budgets/alerts?budgetId={budgetId}&acknowledged=false");
        Assert.Contains(history.EnumerateArray(), a => a.GetProperty("alertId").GetGuid() == alertId);
    }

    [Theory]
    [InlineData(TestApiKeys.Reader, HttpStatusCode.Forbidden)]
    [InlineData(TestApiKeys.Ingest, HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task A_key_of_no_team_needs_finance_or_admin_to_acknowledge(string? key, HttpStatusCode expected)
    {
        var (_, _, alertId) = await AlertedAsync();

        using var response = await AcknowledgeAsync(key, alertId);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_alert_is_404_and_a_malformed_id_or_note_a_problem_naming_it()
    {
        var (team, _, alertId) = await AlertedAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await AcknowledgeAsync(FinanceKeys.Finance, Guid.NewGuid())).StatusCode);
        await ServiceAssert.ValidationProblemAsync(await AcknowledgeAsync(FinanceKeys.Finance, "not-an-id"), "alertId");
        await ServiceAssert.ValidationProblemAsync(await AcknowledgeAsync(TestApiKeys.ReaderOf(team), alertId, new { note = 42 }), "note");
    }

    [Fact]
    public async Task Publishing_and_acknowledging_never_undo_each_other()
    {
        var (team, budgetId, alertId) = await AlertedAsync();

        using var response = await AcknowledgeAsync(TestApiKeys.ReaderOf(team), alertId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The publisher marks it published after the acknowledgement or before it: either way both stay.
        var alert = await Eventually.MatchesAsync(async () => (await app.AlertsAsync(budgetId)).Single(a => a.Id == alertId),
            a => a.PublishedAt is not null);

        Assert.NotNull(alert.PublishedAt);
        Assert.Equal(TestApiKeys.ReaderOf(team), alert.AcknowledgedBy);
    }

    [Fact]
    public async Task A_team_key_sees_its_alert_however_many_newer_alerts_other_teams_have()
    {
        var (team, budgetId, alertId) = await AlertedAsync();
        var other = Usages.NewTeam();
        var crowd = Enumerable.Range(0, 1001).Select(i => new BudgetAlert
        {
            Id = Guid.NewGuid(),
            BudgetId = $"crowd-{other}",
            BudgetName = "another team's budget",
            Scope = new BudgetScope(BudgetScope.Team, other),
            Period = "2026-11",
            ThresholdPercent = 80,
            SpentUsd = 8m,
            BudgetUsd = 10m,
            PercentUsed = 80m,
            CrossedAt = DateTimeOffset.UtcNow.AddMinutes(1).AddSeconds(i),
            Cause = "usage",
            Owner = "someone",
            PublishedAt = DateTimeOffset.UtcNow,
        }).ToList();
        await using (var session = app.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Store(crowd.ToArray());
            await session.SaveChangesAsync();
        }

        var seen = await app.ClientWithKey(TestApiKeys.ReaderOf(team)).GetFromJsonAsync<JsonElement>("/api/v1/budgets/alerts");

        Assert.Contains(seen.EnumerateArray(), a => a.GetProperty("alertId").GetGuid() == alertId);
        Assert.DoesNotContain(seen.EnumerateArray(), a => a.GetProperty("budgetId").GetString() != budgetId);
    }
}
