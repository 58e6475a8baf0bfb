using AiFinOps.Contracts.Messages;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.IntegrationTests.Infrastructure;
using MassTransit;
using Npgsql;

namespace AiFinOps.IntegrationTests.Faults;

/// <summary>
/// Issue 9's fault "resend 10 % of events (client retries) and redeliver bus messages": after both, every consumer's
/// totals equal the ground truth of what ingest accepted — zero lost, zero double-counted.
/// </summary>
public sealed class ResendAndRedeliveryTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private const int Events = 3_000;
    private const int BatchSize = 250;

    [Fact]
    public async Task Client_resends_and_redelivered_bus_messages_change_no_total()
    {
        await using var published = await MessageListener<UsageBatchPriced>.StartAsync(system);
        var client = system.IngestClient();
        var random = new Random(9);
        var sent = new List<UsageEvent>();
        long accepted = 0, duplicates = 0, resends = 0;

        // The load: 3,000 distinct calls in batches of 250; one event in ten is a resend of an earlier one (same id).
        while (sent.Count < Events)
        {
            var batch = new UsageBatch();
            for (var i = 0; i < BatchSize; i++)
            {
                if (sent.Count > 0 && random.NextDouble() < 0.1)
                {
                    batch.Events.Add(sent[random.Next(sent.Count)].Clone());
                    resends++;
                    continue;
                }
                var call = Usage.Call(team: $"team-{random.Next(4)}", model: random.Next(3) == 0 ? "gpt-4o" : "gpt-4o-mini",
                    input: random.Next(100, 20_000), output: random.Next(10, 4_000), workflow: $"flow-{random.Next(6)}",
                    runId: $"run-{random.Next(400)}");
                sent.Add(call);
                batch.Events.Add(call);
            }
            var result = await client.RecordBatchAsync(batch, AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));
            Assert.Empty(result.Rejected);
            accepted += result.Accepted;
            duplicates += result.Duplicates;
        }
        Assert.Equal(sent.Count, accepted);
        Assert.Equal(resends, duplicates);

        // The ground truth: what ingest put on the bus, each accepted event once.
        var truth = await Eventually.Until(() => Task.FromResult(published.Received.SelectMany(r => r.Message.Usages).ToList()),
            usages => usages.Count >= accepted, "every accepted event was published");
        Assert.Equal(accepted, truth.Select(u => u.EventId).Distinct().Count());
        var truthCost = truth.Sum(u => u.EffectiveCostUsd ?? 0m);

        // The broker redelivers: a tenth of the messages arrive a second time, and a sentinel follows them.
        var messages = published.Received.Select(r => r.Message).ToList();
        var again = messages.Where((_, i) => i % 10 == 0).ToList();
        var sentinel = Usage.Call(team: "sentinel");
        await PublishAsync(again);
        var last = await client.RecordBatchAsync(Usage.Batch(sentinel), AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));
        Assert.Equal(1, last.Accepted);
        var sentinelCost = await Eventually.Until(
            () => Task.FromResult(published.Received.SelectMany(r => r.Message.Usages).Where(u => u.EventId == sentinel.EventId).ToList()),
            found => found.Count == 1, "the sentinel was published");
        var expectedEvents = accepted + 1;
        var expectedCost = truthCost + (sentinelCost[0].EffectiveCostUsd ?? 0m);

        await using var database = NpgsqlDataSource.Create(system.DatabaseConnection);
        var totals = new Dictionary<string, string>
        {
            ["allocation"] = "SELECT coalesce(sum(events), 0)::bigint, coalesce(sum(effective_cost_usd), 0) FROM allocation.ledger_lines",
            ["budgeting"] = "SELECT coalesce(sum(events), 0)::bigint, coalesce(sum(effective_cost_usd), 0) FROM budgeting.accrued_spend",
            ["anomaly"] = "SELECT count(*), coalesce(sum(effective_cost_usd), 0) FROM anomaly.observed_calls",
        };
        foreach (var (consumer, sql) in totals)
        {
            await Eventually.Until(() => TotalsAsync(database, sql), t => t.Events >= expectedEvents,
                $"{consumer} processed the sentinel", TimeSpan.FromSeconds(90));
        }
        await Task.Delay(TimeSpan.FromSeconds(2)); // a redelivery still in a consumer's batch would land now

        foreach (var (consumer, sql) in totals)
        {
            var (events, cost) = await TotalsAsync(database, sql);
            Assert.True(events == expectedEvents, $"{consumer} holds {events} events; {expectedEvents} were accepted");
            Assert.True(cost == expectedCost, $"{consumer} holds ${cost}; ${expectedCost} was accepted");
        }
    }

    private async Task PublishAsync(IReadOnlyList<UsageBatchPriced> messages)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(TestServers.RabbitMq), host => host.PublisherConfirmation = true);
            rabbit.MessageTopology.SetEntityNameFormatter(
                new PrefixEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter, system.MessagingPrefix + "."));
        });
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        try
        {
            foreach (var message in messages) await bus.Publish(message, ctx => ctx.Durable = true);
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private static async Task<(long Events, decimal Cost)> TotalsAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetDecimal(1));
    }
}
