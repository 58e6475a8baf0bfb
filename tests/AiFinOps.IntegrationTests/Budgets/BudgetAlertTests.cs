using AiFinOps.Budgeting.Spend.GettingAccruedSpend;
using AiFinOps.Contracts.Messages;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.IntegrationTests.Budgets;

/// <summary>
/// Budgets over usage recorded through ingest's gRPC API, with every service in-process on the real servers: alerts
/// are exactly once per threshold per budget per period, and a budget's spend is allocation's effective cost.
/// </summary>
public sealed class BudgetAlertTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private const string Admin = AiFinOpsSystem.AdminKey;

    [Fact]
    public async Task Crossing_80_percent_raises_exactly_one_alert_and_redelivering_the_usage_raises_none()
    {
        var team = "budget-" + Guid.NewGuid().ToString("N")[..8];
        var first = await RecordAsync(Usage.Call(team));
        var cost = await EffectiveCostAsync(team, events: 1);
        // 2.2 calls' worth: one call is 45 %, two are 91 % (80 % crossed), three would be 136 %.
        var budget = await BudgetApi.DefineAsync(system.Budgeting, Admin, team, cost * 2.2m);
        Assert.Empty(await BudgetApi.AlertsAsync(system.Budgeting, Admin, budget));

        var second = await RecordAsync(Usage.Call(team));
        var alerts = await Eventually.Until(() => BudgetApi.AlertsAsync(system.Budgeting, Admin, budget), a => a.Count > 0 && a.All(x => x.Published), "the alert is published");
        Assert.Equal([(80, "spend", true)], alerts);

        // The same calls again: ingest answers duplicate; and the same priced usage straight on the bus, twice.
        var again = await system.IngestClient().RecordBatchAsync(Usage.Batch(first, second), AiFinOpsSystem.Bearer(Admin));
        Assert.Equal(2, again.Duplicates);
        var bus = system.Ingest.Services.GetRequiredService<IBus>();
        var redelivered = new UsageBatchPriced { BatchId = Guid.NewGuid(), AcceptedAt = DateTimeOffset.UtcNow, Usages = [Priced(first, cost), Priced(second, cost)] };
        await Task.WhenAll(bus.Publish(redelivered), bus.Publish(redelivered));
        // A later call of another team: once budgeting has it, the redeliveries before it have had their turn.
        var marker = "marker-" + Guid.NewGuid().ToString("N")[..8];
        await RecordAsync(Usage.Call(marker));
        await Eventually.Until(() => ReadApi.AccruedByTeamAsync(system.Budgeting, Admin), t => t.ContainsKey(marker), "the marker is accrued");

        Assert.Equal([(80, "spend", true)], await BudgetApi.AlertsAsync(system.Budgeting, Admin, budget));
        Assert.Equal(2 * cost, (await BudgetApi.StatusAsync(system.Budgeting, Admin, budget)).GetProperty("spentUsd").GetDecimal());
    }

    [Fact]
    public async Task An_amendment_lowering_the_budget_below_spend_raises_the_right_alerts_at_once()
    {
        var team = "budget-" + Guid.NewGuid().ToString("N")[..8];
        await RecordAsync(Usage.Call(team), Usage.Call(team));
        var cost = await EffectiveCostAsync(team, events: 2);
        var budget = await BudgetApi.DefineAsync(system.Budgeting, Admin, team, 100m);
        await Eventually.Until(() => BudgetApi.StatusAsync(system.Budgeting, Admin, budget), s => s.GetProperty("spentUsd").GetDecimal() == cost, "the calls are accrued");

        await BudgetApi.AmendAsync(system.Budgeting, Admin, budget, team, cost * 0.9m);

        // At once: in the amendment's own transaction, before any further usage arrives.
        Assert.Equal([(80, "amendment"), (100, "amendment")],
            (await BudgetApi.AlertsAsync(system.Budgeting, Admin, budget)).Select(a => (a.Threshold, a.Cause)));
        await BudgetApi.AmendAsync(system.Budgeting, Admin, budget, team, cost * 0.5m);
        Assert.Equal(2, (await BudgetApi.AlertsAsync(system.Budgeting, Admin, budget)).Count);
    }

    [Fact]
    public async Task Parallel_consumers_never_double_alert_and_the_budget_spends_what_allocation_books()
    {
        // A second budgeting replica on the same queue: the two compete for every message.
        var replica = system.Host<AccruedSpend>(verifyThroughIngest: true);
        _ = replica.Server;
        var team = "budget-" + Guid.NewGuid().ToString("N")[..8];
        var probe = Usage.Call(team);
        await RecordAsync(probe);
        var cost = await EffectiveCostAsync(team, events: 1);
        // 100 calls' worth, ten thresholds up to 200 %: 200 more calls cross every one of them, in racing batches.
        var budget = await BudgetApi.DefineAsync(system.Budgeting, Admin, team, cost * 100m, [10, 25, 50, 60, 70, 80, 90, 100, 150, 200]);

        var calls = Enumerable.Range(0, 200).Select(_ => Usage.Call(team)).ToList();
        var client = system.IngestClient();
        await Task.WhenAll(calls.Chunk(5).Select(chunk => client.RecordBatchAsync(Usage.Batch(chunk), AiFinOpsSystem.Bearer(Admin)).ResponseAsync));
        var booked = await EffectiveCostAsync(team, events: 201);

        var status = await Eventually.Until(() => BudgetApi.StatusAsync(system.Budgeting, Admin, budget),
            s => s.GetProperty("events").GetInt64() == 201, "every call is accrued");
        Assert.Equal(booked, status.GetProperty("spentUsd").GetDecimal());
        var alerts = await Eventually.Until(() => BudgetApi.AlertsAsync(system.Budgeting, Admin, budget), a => a.Count >= 10 && a.All(x => x.Published), "every alert is published");
        Assert.Equal([10, 25, 50, 60, 70, 80, 90, 100, 150, 200], alerts.Select(a => a.Threshold));
    }

    [Fact]
    public async Task Budget_status_equals_allocation_spend_for_the_same_team_and_period()
    {
        var team = "budget-" + Guid.NewGuid().ToString("N")[..8];
        var budget = await BudgetApi.DefineAsync(system.Budgeting, Admin, team, 1000m);
        await RecordAsync(
            Usage.Call(team, input: 12_345, output: 678),
            Usage.Call(team, model: "claude-sonnet-4", provider: "anthropic", input: 5_000, output: 2_000, cacheRead: 1_000),
            Usage.Call(team, model: "brand-new-model-xyz"),
            Usage.Call(team, workflow: "summarise", environment: "dev"));
        var allocated = await EffectiveCostAsync(team, events: 4);

        var status = await Eventually.Until(() => BudgetApi.StatusAsync(system.Budgeting, Admin, budget),
            s => s.GetProperty("events").GetInt64() == 4, "the calls are accrued");

        Assert.True(allocated > 0);
        Assert.Equal(allocated, status.GetProperty("spentUsd").GetDecimal());
        Assert.Equal(1000m - allocated, status.GetProperty("remainingUsd").GetDecimal());
    }

    private async Task<UsageEvent> RecordAsync(params UsageEvent[] calls)
    {
        var result = await system.IngestClient().RecordBatchAsync(Usage.Batch(calls), AiFinOpsSystem.Bearer(Admin));
        Assert.Equal(calls.Length, result.Accepted);
        return calls[0];
    }

    /// <summary>Allocation's effective cost of the team this month, once it has booked <paramref name="events"/> calls.</summary>
    private async Task<decimal> EffectiveCostAsync(string team, long events)
    {
        var (from, to) = ThisMonth();
        var rows = await Eventually.Until(() => SpendApi.ByTeamAsync(system.Allocation, Admin, $"groupBy=team&team={team}&from={from}&to={to}"),
            r => r.TryGetValue(team, out var row) && row.Events == events, $"allocation booked {events} calls of {team}");
        return rows[team].EffectiveCostUsd;
    }

    private static (string From, string To) ThisMonth()
    {
        var now = DateTime.UtcNow.AddMinutes(-1);
        var start = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return (start.ToString("yyyy-MM-dd"), start.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd"));
    }

    private static PricedUsage Priced(UsageEvent call, decimal cost) => new()
    {
        EventId = call.EventId,
        OccurredAt = call.OccurredAt.ToDateTimeOffset(),
        Provider = call.Provider,
        Model = call.Model,
        InputTokens = call.InputTokens,
        OutputTokens = call.OutputTokens,
        Team = call.Team,
        Workflow = call.Workflow,
        Environment = call.Environment,
        Priced = true,
        ListCostUsd = cost,
        EffectiveCostUsd = cost,
    };
}
