using System.Net;
using System.Net.Http.Json;
using AiFinOps.Allocation.Repricing;
using AiFinOps.Contracts.Messages;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.IntegrationTests.Budgets;
using AiFinOps.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.IntegrationTests.Repricing;

/// <summary>
/// Re-pricing reaches budgets: allocation publishes each booked page's differences as <see cref="SpendRepriced"/> (again
/// whenever it meets the page booked), and budgeting accrues them, so a budget spends what the ledger says after a price
/// arrives — every service in-process on the real servers.
/// </summary>
public sealed class RepricedSpendTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private const string Admin = AiFinOpsSystem.AdminKey;

    [Fact]
    public async Task Allocation_publishes_a_page_s_differences_once_booked_and_again_when_the_change_is_redelivered()
    {
        await using var listener = await MessageListener<SpendRepriced>.StartAsync(system);
        var (team, model) = Names();
        var calls = new[]
        {
            Usage.Call(team, provider: "acme", model: model, input: 40_000, output: 3_000, workflow: "summarise", environment: "staging"),
            Usage.Call(team, provider: "acme", model: model, input: 1_500, output: 700, workflow: "summarise", environment: "staging"),
        };
        calls[0].Tags.Add("cost_centre", "CC-42");
        await RecordAsync(calls);
        await Eventually.Until(() => Ledger.ByPeriodAsync(system, team), rows => rows.Total().Events == 2, "the calls are booked unpriced");

        await SetPriceAsync(Ledger.Price(model, 2m, 8m));

        var first = await Eventually.Until(() => Task.FromResult(listener.Where(m => Mentions(m, calls))), m => m.Count >= 1, "the page is published");
        var (messageId, page) = Assert.Single(first);
        var change = await Ledger.ChangeOfAsync(system, model);
        var scope = RepricingScope.Of(change);
        Assert.Equal((page.PageId, RepricedSpend.PageIdOf(scope.StreamKey(0))), (messageId, page.PageId));
        Assert.Equal((scope.Run, change.Sequence), (page.Run, page.CatalogueSequence));
        Assert.Equal(calls.Select(c => scope.LineId(c.EventId)).Order(StringComparer.Ordinal), page.Lines.Select(l => l.LineId).Order(StringComparer.Ordinal));
        foreach (var call in calls)
        {
            var line = page.Lines.Single(l => l.EventId == call.EventId);
            var (list, effective) = await Ledger.QuoteAsync(system, call);
            Assert.True(effective > 0);
            Assert.Equal((list, effective, effective, -1), (line.ListCostDeltaUsd, line.EffectiveCostDeltaUsd, line.BilledCostDeltaUsd, line.UnpricedEventsDelta));
            Assert.Equal(("acme", model, team, "summarise", "staging"), (line.Provider, line.Model, line.Team, line.Workflow, line.Environment));
            // The call's own instant, to the microsecond PostgreSQL keeps.
            Assert.InRange(line.OccurredAt - call.OccurredAt.ToDateTimeOffset(), TimeSpan.FromTicks(-9), TimeSpan.FromTicks(9));
        }
        Assert.Equal("CC-42", page.Lines.Single(l => l.EventId == calls[0].EventId).Tags["cost_centre"]);

        // The change again on the bus: the page is met booked, nothing is booked twice, and the page is sent again.
        await system.Allocation.Services.GetRequiredService<IBus>().Publish(change);

        var both = await Eventually.Until(() => Task.FromResult(listener.Where(m => Mentions(m, calls))), m => m.Count >= 2, "the page is published again");
        Assert.Equal([page.PageId, page.PageId], both.Select(m => m.MessageId!.Value));
        Assert.Equal(page.Lines, both[1].Message.Lines, new LineComparer());
        Assert.Equal(2, (await Ledger.LinesAsync(system, calls.Select(c => c.EventId))).Count(l => l.Kind == "repricing"));
    }

    [Fact]
    public async Task After_an_unpriced_model_gets_its_price_the_budget_spends_exactly_what_allocation_books_and_alerts_for_repricing()
    {
        var (team, model) = Names();
        UsageEvent[] calls =
        [
            Usage.Call(team),
            Usage.Call(team, provider: "acme", model: model, input: 123_456, output: 7_890),
            Usage.Call(team, provider: "acme", model: model, input: 2_345, output: 678, workflow: "summarise"),
        ];
        (decimal Input, decimal Output) rates = (3m, 15m);
        var priceOfUnpriced = calls.Skip(1).Sum(c => (c.InputTokens * rates.Input + c.OutputTokens * rates.Output) / 1_000_000m);
        await RecordAsync(calls);
        var before = await AllocatedAsync(team, row => row.Events == 3 && row.UnpricedEvents == 2);
        // 90 % of the budget once the two unpriced calls cost their price: re-pricing crosses 80 %.
        var budget = await BudgetApi.DefineAsync(system.Budgeting, Admin, team, Math.Round((before.EffectiveCostUsd + priceOfUnpriced) / 0.9m, 2));
        var accrued = await Eventually.Until(() => BudgetApi.StatusAsync(system.Budgeting, Admin, budget),
            s => s.GetProperty("events").GetInt64() == 3, "budgeting accrued the calls");
        Assert.Equal(before.EffectiveCostUsd, accrued.GetProperty("spentUsd").GetDecimal());
        Assert.Equal(ThisMonth().Start, accrued.GetProperty("periodStart").GetDateTimeOffset());
        Assert.Empty(await BudgetApi.AlertsAsync(system.Budgeting, Admin, budget));

        await SetPriceAsync(Ledger.Price(model, rates.Input, rates.Output));

        var after = await AllocatedAsync(team, row => row.UnpricedEvents == 0);
        Assert.True(after.EffectiveCostUsd > before.EffectiveCostUsd);
        var status = await Eventually.Until(() => BudgetApi.StatusAsync(system.Budgeting, Admin, budget),
            s => s.GetProperty("spentUsd").GetDecimal() != before.EffectiveCostUsd, "budgeting accrued the re-pricing");
        Assert.Equal(after.EffectiveCostUsd, status.GetProperty("spentUsd").GetDecimal());
        Assert.Equal(3, status.GetProperty("events").GetInt64());
        var alerts = await Eventually.Until(() => BudgetApi.AlertsAsync(system.Budgeting, Admin, budget), a => a.Count > 0 && a.All(x => x.Published), "the alert is published");
        Assert.Equal([(80, "repricing", true)], alerts);
    }

    private static bool Mentions(SpendRepriced page, UsageEvent[] calls) => page.Lines.Any(l => calls.Any(c => c.EventId == l.EventId));

    /// <summary>Allocation's <c>GET /api/v1/spend</c> for the team over this UTC month (the budget's period: whole days, both
    /// included), once it holds.</summary>
    private async Task<SpendApi.Row> AllocatedAsync(string team, Func<SpendApi.Row, bool> holds)
    {
        var (start, end) = ThisMonth();
        var rows = await Eventually.Until(
            () => SpendApi.ByTeamAsync(system.Allocation, Admin, $"groupBy=team&team={team}&from={start:yyyy-MM-dd}&to={end.AddDays(-1):yyyy-MM-dd}"),
            r => r.TryGetValue(team, out var row) && holds(row), $"allocation's spend of {team}");
        return rows[team];
    }

    private static (DateTimeOffset Start, DateTimeOffset End) ThisMonth()
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var start = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return (start, start.AddMonths(1));
    }

    private static (string Team, string Model) Names()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        return ($"rs-{id}", $"repriced-spend-{id}");
    }

    private async Task RecordAsync(UsageEvent[] calls)
    {
        var result = await system.IngestClient().RecordBatchAsync(Usage.Batch(calls), AiFinOpsSystem.Bearer(Admin));
        Assert.Equal(calls.Length, result.Accepted);
    }

    private async Task SetPriceAsync(object price)
    {
        using var http = Ledger.Admin(system.Ingest);
        using var response = await http.PostAsJsonAsync("/api/v1/prices", price);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Lines equal field by field (records compare their tag dictionaries by reference).</summary>
    private sealed class LineComparer : IEqualityComparer<RepricedUsage>
    {
        public bool Equals(RepricedUsage? a, RepricedUsage? b) =>
            a is not null && b is not null && a with { Tags = b.Tags } == b && a.Tags.OrderBy(t => t.Key).SequenceEqual(b.Tags.OrderBy(t => t.Key));

        public int GetHashCode(RepricedUsage line) => line.LineId.GetHashCode(StringComparison.Ordinal);
    }
}
