using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.Contracts.Messages;
using AiFinOps.IntegrationTests.Infrastructure;
using AiFinOps.ServiceDefaults.Messaging.DeadLetters;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiFinOps.IntegrationTests.Messaging;

/// <summary>
/// A usage message parked in allocation's dead-letter queue (as MassTransit parks one that failed every retry) is
/// visible — in the admin API and as a Degraded health check naming the queue — counts in no total, and once replayed
/// is booked exactly once; a second replay moves nothing. Only an admin key may read or replay.
/// </summary>
public sealed class DeadLetterTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private const string Admin = AiFinOpsSystem.AdminKey;
    private const string Route = "/api/v1/admin/dead-letters/allocation";

    [Fact]
    public async Task A_parked_usage_message_is_shown_replayed_once_and_then_booked_exactly_once()
    {
        using var allocation = InProcessHosts.Client(system.Allocation);
        var before = await allocation.GetFromJsonAsync<JsonElement>(Route);
        Assert.Equal(0, before.GetProperty("messages").GetInt64());
        var usageQueue = before.GetProperty("queues").EnumerateArray().Select(q => q.GetProperty("queue").GetString()!)
            .Single(q => q.EndsWith("usage-batch-priced", StringComparison.Ordinal));

        var team = "parked-" + Guid.NewGuid().ToString("N")[..8];
        var usages = PricedUsages.Of(team, 3, "parked");
        // What MassTransit does with a message whose every retry failed: the same envelope, moved with fault headers.
        var parking = await system.Allocation.Services.GetRequiredService<IBus>()
            .GetSendEndpoint(new Uri($"queue:{usageQueue}{DeadLetterQueues.Suffix}"));
        await parking.Send(new UsageBatchPriced { BatchId = NewId.NextGuid(), AcceptedAt = DateTimeOffset.UtcNow, Usages = usages }, context =>
        {
            context.Headers.Set("MT-Reason", "fault");
            context.Headers.Set("MT-Fault-Message", "the database refused the batch");
        });

        var parked = await Eventually.Until(() => allocation.GetFromJsonAsync<JsonElement>(Route), b => b.GetProperty("messages").GetInt64() == 1,
            "the parked message is counted");
        Assert.Contains(parked.GetProperty("queues").EnumerateArray(), q =>
            q.GetProperty("deadLetterQueue").GetString() == usageQueue + DeadLetterQueues.Suffix && q.GetProperty("messages").GetInt64() == 1);
        var degraded = await DeadLetterHealthAsync();
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains($"1 message(s) parked in {usageQueue}{DeadLetterQueues.Suffix}", degraded.Description);
        Assert.DoesNotContain(team, (await SpendApi.ByTeamAsync(system.Allocation, Admin)).Keys);

        using var replay = await allocation.PostAsync(Route + "/replay", null);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages").GetInt64());

        var booked = await Eventually.Until(() => SpendApi.ByTeamAsync(system.Allocation, Admin), s => s.ContainsKey(team), "the replayed usage is booked");
        Assert.Equal((3L, 0.03m), (booked[team].Events, booked[team].EffectiveCostUsd));
        Assert.Equal(0, (await allocation.GetFromJsonAsync<JsonElement>(Route)).GetProperty("messages").GetInt64());
        await Eventually.Until(async () => (await DeadLetterHealthAsync()).Status, s => s == HealthStatus.Healthy, "health is back to Healthy",
            DeadLetterHealthCheck.CacheFor * 3);

        using var again = await allocation.PostAsync(Route + "/replay", null);
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages").GetInt64());
        Assert.Equal(3L, (await SpendApi.ByTeamAsync(system.Allocation, Admin))[team].Events);
    }

    [Fact]
    public async Task Only_an_admin_key_reads_or_replays_and_an_unknown_queue_is_named()
    {
        var reader = await SpendApi.IssueKeyAsync(system.Ingest, "dead-letter-reader", ["read"]);
        var teamReader = await SpendApi.IssueKeyAsync(system.Ingest, "dead-letter-team-reader", ["read"], ["alpha"]);

        using var anonymous = system.Allocation.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Route)).StatusCode);
        using var readOnly = InProcessHosts.Client(system.Allocation, reader);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsync(Route + "/replay", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.GetAsync(Route)).StatusCode);
        using var teamOnly = InProcessHosts.Client(system.Allocation, teamReader);
        Assert.Equal(HttpStatusCode.Forbidden, (await teamOnly.GetAsync(Route)).StatusCode);

        using var admin = InProcessHosts.Client(system.Allocation);
        using var unknown = await admin.PostAsync(Route + "/replay?queue=no-such-queue", null);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("no-such-queue", problem.GetProperty("errors").GetProperty("queue")[0].GetString());
    }

    private async Task<HealthReportEntry> DeadLetterHealthAsync() =>
        (await system.Allocation.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "dead-letters")).Entries["dead-letters"];
}
