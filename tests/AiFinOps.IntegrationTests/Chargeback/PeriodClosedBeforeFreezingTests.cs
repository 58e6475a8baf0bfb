using System.Globalization;
using System.Net;
using AiFinOps.Allocation.Periods;
using AiFinOps.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static AiFinOps.IntegrationTests.Chargeback.ChargebackApi;

namespace AiFinOps.IntegrationTests.Chargeback;

/// <summary>
/// A period closed without a frozen statement (closed before statements were frozen on close) is allocated with the
/// rules as they were recorded when it closed, so its statement does not change either.
/// </summary>
public sealed class PeriodClosedBeforeFreezingTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private const string Admin = AiFinOpsSystem.AdminKey;

    [Fact]
    public async Task Its_statement_uses_the_rules_recorded_before_the_closing()
    {
        var now = DateTimeOffset.UtcNow;
        var lastMonthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        var lastMonth = Period(lastMonthStart);
        var from = lastMonthStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rule = await DefineCostCentreRuleAsync(system.Allocation, Admin, "team", "search", "CC-Then", from);
        Assert.Equal(50, (await system.IngestClient().RecordBatchAsync(GeneratedUsage.Batch(50, seed: 3, lastMonthStart.AddDays(2)),
            AiFinOpsSystem.Bearer(Admin))).Accepted);
        await Eventually.Until(() => LedgerAsync(system.DatabaseConnection, lastMonth), l => l.Events == 50, "the calls are booked");

        // Closed the way an earlier version did: the calendar's event alone, no statement frozen with it.
        var store = system.Allocation.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream<BillingCalendar>(BillingCalendar.StreamKey, new BillingPeriodClosed(lastMonth, "earlier version", now));
            await session.SaveChangesAsync();
        }
        var closed = await StatementAsync(system.Allocation, Admin, lastMonth, "groupBy=cost_centre,team");
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, closed.GetProperty("frozenAt").ValueKind);

        await ExpectAsync(system.Allocation, Admin, HttpMethod.Put, $"/api/v1/cost-centres/rules/{rule.GetProperty("id").GetString()}",
            HttpStatusCode.OK, new { costCentre = "CC-Now", effectiveFrom = from });
        await DefineCostCentreRuleAsync(system.Allocation, Admin, "team", "growth", "CC-Growth-Now", from);

        var later = await StatementAsync(system.Allocation, Admin, lastMonth, "groupBy=cost_centre,team");
        Assert.Equal(closed.GetProperty("lines").GetRawText(), later.GetProperty("lines").GetRawText());
        var costCentres = later.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("costCentre").GetString()).ToHashSet();
        Assert.Contains("CC-Then", costCentres);
        Assert.DoesNotContain("CC-Now", costCentres);
        Assert.DoesNotContain("CC-Growth-Now", costCentres);
    }
}
