using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.Ingest.Recording.Backpressure;
using AiFinOps.IntegrationTests.Budgets;
using AiFinOps.IntegrationTests.Infrastructure;
using AiFinOps.Reporting.Jobs;
using AiFinOps.Reporting.Periods;
using Hangfire;
using Hangfire.States;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using LoopbackWebhook = AiFinOps.Testing.LoopbackWebhook;

namespace AiFinOps.IntegrationTests.Replicas;

/// <summary>
/// Two replicas of every service on one PostgreSQL and one RabbitMQ (issue 10): usage sent through both ingests at once,
/// a tenth of it sent again through the other ingest, is counted once everywhere — allocation's totals and budgeting's
/// accrual equal the ground truth to the last decimal, each budget threshold reaches the webhook once, each run's token
/// spike is detected once — and a recurring report triggered on both reporting replicas at the same time makes one version.
/// </summary>
public sealed class TwoReplicaTests(ReplicatedSystem system) : IClassFixture<ReplicatedSystem>
{
    private const string Admin = ReplicatedSystem.AdminKey;
    private const int Events = 2_000;
    private const int BatchSize = 100;
    private const int Runs = 40;
    private const long ExpectedTokensPerRun = 3_000;

    [Fact]
    public async Task Usage_through_two_of_each_service_is_counted_once_and_alerts_once()
    {
        var team = "replicas-" + Guid.NewGuid().ToString("N")[..8];
        var workflow = "triage-" + Guid.NewGuid().ToString("N")[..8];
        var calls = Enumerable.Range(0, Events).Select(i => Call(i, team, workflow)).ToList();
        // gpt-4o-mini: $0.15 input, $0.60 output per million tokens; no discount agreed, so effective = list.
        var truth = calls.Sum(c => c.InputTokens * 0.15m / 1e6m + c.OutputTokens * 0.60m / 1e6m);

        await using var webhook = await LoopbackWebhook.StartAsync();
        await SubscribeAsync(system.Notifications.Two, team, webhook.Url);
        await RegisterAsync(system.Anomaly.Two, workflow, team);
        // Crossed at 80 % and at 100 % on the way to 105 %: two threshold alerts, each delivered once.
        var budget = await BudgetApi.DefineAsync(system.Budgeting.One, Admin, team, Math.Round(truth / 1.05m, 2));

        var (accepted, duplicates) = await SendThroughBothIngestsAsync(calls);
        Assert.Equal(Events, accepted);
        Assert.Equal(Events / 10, duplicates);

        foreach (var allocation in system.Allocation.Both)
        {
            var spend = await Eventually.Until(() => SpendApi.ByTeamAsync(allocation, Admin, $"groupBy=team&team={team}&{ThisMonth()}"),
                s => s.TryGetValue(team, out var row) && row.Events >= Events, "allocation booked every call", TimeSpan.FromSeconds(60));
            Assert.Equal((Events, truth, truth), (spend[team].Events, spend[team].ListCostUsd, spend[team].EffectiveCostUsd));
        }

        var status = await Eventually.Until(() => BudgetApi.StatusAsync(system.Budgeting.Two, Admin, budget),
            s => s.GetProperty("events").GetInt64() >= Events, "budgeting accrued every call", TimeSpan.FromSeconds(60));
        Assert.Equal((Events, truth), (status.GetProperty("events").GetInt64(), status.GetProperty("spentUsd").GetDecimal()));

        await Eventually.Until(() => Task.FromResult(webhook.Received.Count), n => n >= 2, "both threshold alerts reach the webhook");
        // A marker budget crossed afterwards: once its alert has arrived, a duplicate of the others has had its turn.
        var marker = await BudgetApi.DefineAsync(system.Budgeting.Two, Admin, team, 0.01m, [100]);
        await Eventually.Until(() => Task.FromResult(webhook.Received.Count), n => n >= 3, "the marker alert reaches the webhook");
        var thresholds = webhook.Received.Select(r => r.Body.GetProperty("facts"))
            .Select(f => (f.GetProperty("budgetId").GetString()!, f.GetProperty("thresholdPercent").GetString()!)).Order().ToList();
        Assert.Equal(new[] { (budget, "100"), (budget, "80"), (marker, "100") }.Order(), thresholds);
        Assert.Equal(3, webhook.Received.Select(r => r.DeliveryId).Distinct().Count());

        var spikes = await Eventually.Until(() => TokenSpikeRunsAsync(system.Anomaly.One, workflow), r => r.Count >= Runs,
            "every run's token spike is detected");
        Assert.Equal(Runs, spikes.Count);
        Assert.Equal(Enumerable.Range(0, Runs).Select(r => $"run-{r}").Order(), spikes.Order());

        // Both replicas of each usage consumer took their share of the queue (RabbitMQ hands messages round the consumers).
        // Counted once a replica's batch has finished, which for anomaly (batches collect for up to a second) can come
        // after the other consumers' results are in.
        foreach (var (service, consumed) in new (string, Func<IReadOnlyList<int>>)[] { ("allocation", () => system.Allocation.Consumed),
                     ("budgeting", () => system.Budgeting.Consumed), ("anomaly", () => system.Anomaly.Consumed), ("reporting", () => system.Reporting.Consumed) })
        {
            await Eventually.Until(() => Task.FromResult(consumed()), c => c.All(n => n > 0), $"each {service} replica consumed usage");
        }
    }

    [Fact]
    public async Task A_recurring_report_triggered_on_both_reporting_replicas_at_once_makes_one_version()
    {
        var replicas = system.Reporting.Both;
        var jobIds = await Task.WhenAll(replicas.Select(r => Task.Run(() =>
            r.Services.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(ReportSchedule.MonthlyJobId))));
        Assert.Equal(2, jobIds.Distinct().Count());

        var monitoring = replicas[0].Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Eventually.Until(() => Task.FromResult(jobIds.Select(id => monitoring.JobDetails(id).History[0].StateName).ToList()),
            states => states.All(s => s == SucceededState.StateName || s == FailedState.StateName), "both triggered runs finished",
            TimeSpan.FromSeconds(60));
        Assert.All(jobIds, id => Assert.Equal(SucceededState.StateName, monitoring.JobDetails(id).History[0].StateName));

        var month = ReportPeriod.MonthBefore(DateTimeOffset.UtcNow).Key;
        foreach (var reporting in replicas)
        {
            using var http = ReplicatedSystem.Client(reporting);
            var document = await http.GetFromJsonAsync<JsonElement>($"/api/v1/reports/monthly/{month}");
            Assert.Equal(1, document.GetProperty("version").GetInt32());
        }
    }

    [Fact]
    public async Task The_services_receive_queues_are_declared_as_quorum_queues()
    {
        var factory = new ConnectionFactory { Uri = new Uri(TestServers.RabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        foreach (var service in new[] { "allocation", "budgeting", "anomaly", "reporting" })
        {
            var queue = ConsumerLagProbe.UsageQueue(system.MessagingPrefix, service);
            await using var channel = await connection.CreateChannelAsync();
            // Redeclared as it is but for the type, the queue is refused: the broker holds it as a quorum queue.
            var classic = new Dictionary<string, object?>
            {
                ["x-queue-type"] = "classic",
                ["x-expires"] = (long)AiFinOps.Testing.ExpiringTestQueues.Expiry.TotalMilliseconds,
            };
            var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() =>
                channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: classic));
            Assert.Equal((ushort)406, refused.ShutdownReason?.ReplyCode);
            Assert.Contains("'x-queue-type'", refused.ShutdownReason?.ReplyText ?? "");
            Assert.Contains("'quorum'", refused.ShutdownReason?.ReplyText ?? "");
        }
    }

    /// <summary>Calls of 40 runs, each run far above twice its expected 3,000 tokens; every call's cost differs a little.</summary>
    private static UsageEvent Call(int i, string team, string workflow) =>
        Usage.Call(team, input: 1_000 + i % 97, output: 400 + i % 13, workflow: workflow, runId: $"run-{i % Runs}");

    /// <summary>
    /// Batches of 100 alternate between the two ingests, all in flight at once; every tenth batch's calls are sent
    /// again through the other ingest at the same time, so an original and its resend race each other.
    /// </summary>
    private async Task<(int Accepted, int Duplicates)> SendThroughBothIngestsAsync(IReadOnlyList<UsageEvent> calls)
    {
        var ingests = system.Ingest.Both.Select(system.IngestClient).ToList();
        var batches = calls.Chunk(BatchSize).Select((batch, i) => (Ingest: i % 2, Events: batch)).ToList();
        var resends = calls.Where((_, i) => i % 10 == 0).Chunk(BatchSize).Select((batch, i) => (Ingest: (i + 1) % 2, Events: batch));
        var results = await Task.WhenAll(batches.Concat(resends).Select(async b =>
            await ingests[b.Ingest].RecordBatchAsync(Usage.Batch(b.Events), AiFinOpsSystem.Bearer(Admin))));
        Assert.All(results, r => Assert.Empty(r.Rejected));
        return (results.Sum(r => r.Accepted), results.Sum(r => r.Duplicates));
    }

    private static string ThisMonth()
    {
        var now = DateTime.UtcNow.AddMinutes(-1);
        var start = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return $"from={start:yyyy-MM-dd}&to={start.AddMonths(1).AddDays(-1):yyyy-MM-dd}";
    }

    /// <summary>The run of every token-spike detection of the workflow, across its incidents (a run twice: detected twice).</summary>
    private static async Task<List<string>> TokenSpikeRunsAsync<T>(WebApplicationFactory<T> anomaly, string workflow) where T : class
    {
        using var http = ReplicatedSystem.Client(anomaly);
        var history = await http.GetFromJsonAsync<JsonElement>($"/api/v1/anomalies?workflow={workflow}&kind=token-spike");
        var runs = new List<string>();
        foreach (var incident in history.GetProperty("incidents").EnumerateArray())
        {
            var detail = await http.GetFromJsonAsync<JsonElement>($"/api/v1/anomalies/{incident.GetProperty("id").GetString()}");
            runs.AddRange(detail.GetProperty("detections").EnumerateArray().Select(d => d.GetProperty("facts").GetProperty("runId").GetString()!));
        }
        return runs;
    }

    private static async Task RegisterAsync<T>(WebApplicationFactory<T> anomaly, string workflow, string team) where T : class
    {
        using var http = ReplicatedSystem.Client(anomaly);
        using var response = await http.PostAsJsonAsync("/api/v1/workflows", new
        {
            name = workflow,
            ownerTeam = team,
            description = "two-replica test traffic",
            expectedTokensPerRun = ExpectedTokensPerRun,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task SubscribeAsync<T>(WebApplicationFactory<T> notifications, string team, Uri url) where T : class
    {
        using var http = ReplicatedSystem.Client(notifications);
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
