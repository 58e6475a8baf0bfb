using System.Net.Http.Headers;
using System.Net.Http.Json;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.IntegrationTests.Infrastructure;
using AiFinOps.Notifications.Deliveries;
using LoopbackWebhook = AiFinOps.Testing.LoopbackWebhook;

namespace AiFinOps.IntegrationTests.Budgets;

/// <summary>
/// A budget alert from the usage that crosses it to a user's webhook, every service in-process on the real servers:
/// ingest → allocation and budgeting → <c>AlertRaised</c> on the bus → notifications → the webhook, exactly once.
/// </summary>
public sealed class AlertDeliveryTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private const string Admin = AiFinOpsSystem.AdminKey;

    [Fact]
    public async Task Crossing_80_percent_delivers_one_alert_to_the_subscribed_webhook_and_resent_usage_delivers_none()
    {
        await using var webhook = await LoopbackWebhook.StartAsync();
        var notifications = system.Host<DeliverySignal>(verifyThroughIngest: true);
        var team = "hook-" + Guid.NewGuid().ToString("N")[..8];
        await SubscribeAsync(notifications, team, webhook.Url);

        var first = Usage.Call(team);
        await RecordAsync(first);
        var cost = await EffectiveCostAsync(team);
        var budget = await BudgetApi.DefineAsync(system.Budgeting, Admin, team, cost * 2.2m);
        var second = Usage.Call(team);
        await RecordAsync(second);

        var received = await Eventually.Until(() => Task.FromResult(webhook.Received.ToList()), r => r.Count > 0, "the alert reaches the webhook");
        var (_, deliveryId, body, _) = Assert.Single(received);
        Assert.Equal("budget.threshold", body.GetProperty("kind").GetString());
        Assert.Equal($"team:{team}", body.GetProperty("scope").GetString());
        Assert.Equal(team, body.GetProperty("team").GetString());
        Assert.Equal("80", body.GetProperty("facts").GetProperty("thresholdPercent").GetString());
        Assert.Equal(budget, body.GetProperty("facts").GetProperty("budgetId").GetString());
        Assert.False(string.IsNullOrEmpty(deliveryId));

        // The same calls again (ingest answers duplicate), then a second budget crossed as a marker: once its alert has
        // arrived, anything the resent calls could have caused has had its turn.
        var again = await system.IngestClient().RecordBatchAsync(Usage.Batch(first, second), AiFinOpsSystem.Bearer(Admin));
        Assert.Equal(2, again.Duplicates);
        var marker = await BudgetApi.DefineAsync(system.Budgeting, Admin, team, cost * 0.1m, [100]);
        await Eventually.Until(() => Task.FromResult(webhook.Received.ToList()), r => r.Count > 1, "the marker alert reaches the webhook");

        var bodies = webhook.Received.Select(r => r.Body).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Single(bodies, b => b.GetProperty("facts").GetProperty("budgetId").GetString() == budget);
        Assert.Single(bodies, b => b.GetProperty("facts").GetProperty("budgetId").GetString() == marker);
    }

    private async Task RecordAsync(UsageEvent call)
    {
        var result = await system.IngestClient().RecordBatchAsync(Usage.Batch(call), AiFinOpsSystem.Bearer(Admin));
        Assert.Equal(1, result.Accepted);
    }

    /// <summary>Allocation's effective cost of the team's one call this month, once booked.</summary>
    private async Task<decimal> EffectiveCostAsync(string team)
    {
        var month = DateTime.UtcNow.AddMinutes(-1);
        var start = new DateTime(month.Year, month.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var range = $"from={start:yyyy-MM-dd}&to={start.AddMonths(1).AddDays(-1):yyyy-MM-dd}";
        var rows = await Eventually.Until(() => SpendApi.ByTeamAsync(system.Allocation, Admin, $"groupBy=team&team={team}&{range}"),
            r => r.TryGetValue(team, out var row) && row.Events == 1, $"allocation booked the call of {team}");
        return rows[team].EffectiveCostUsd;
    }

    private static async Task SubscribeAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<DeliverySignal> notifications, string team, Uri url)
    {
        using var http = notifications.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Admin);
        using var response = await http.PostAsJsonAsync("/api/v1/subscriptions", new
        {
            name = team,
            kind = "webhook",
            url = url.ToString(),
            format = "json",
            filter = new { kinds = new[] { "budget.threshold" }, team }, // not forecasts: they depend on the day of the month
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
