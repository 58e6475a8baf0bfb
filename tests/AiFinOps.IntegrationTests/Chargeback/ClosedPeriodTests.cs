using System.Globalization;
using System.Net;
using AiFinOps.IntegrationTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using static AiFinOps.IntegrationTests.Chargeback.ChargebackApi;

namespace AiFinOps.IntegrationTests.Chargeback;

/// <summary>
/// Closing a billing period freezes its statement: rules changed afterwards, late usage for it (a correction in the
/// open period) and a ledger rebuild leave what finance took exactly as it was.
/// </summary>
public sealed class ClosedPeriodTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private const string Admin = AiFinOpsSystem.AdminKey;

    [Fact]
    public async Task A_closed_periods_statement_never_changes_while_the_open_period_follows_the_new_rules()
    {
        var now = DateTimeOffset.UtcNow;
        var lastMonthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        var lastMonth = Period(lastMonthStart);
        var monthBefore = Period(lastMonthStart.AddMonths(-1));
        var thisMonth = Period(now.AddMinutes(-1));
        var usageDay = lastMonthStart.AddDays(3).AddHours(10);
        var from = lastMonthStart.AddMonths(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var search = await DefineCostCentreRuleAsync(system.Allocation, Admin, "team", "search", "CC-A", from);
        var router = await DefineSharedCostRuleAsync(system.Allocation, Admin, "workflow", "platform-router", "fixed",
            [new { team = "search", percent = 60m }, new { team = "growth", percent = 40m }], from);
        var booked = await system.IngestClient().RecordBatchAsync(GeneratedUsage.Batch(120, seed: 5, usageDay), AiFinOpsSystem.Bearer(Admin));
        Assert.Equal(120, booked.Accepted);
        // The month before too (within ingest's 90-day horizon): the first closing ever closes it as well.
        Assert.Equal(40, (await system.IngestClient().RecordBatchAsync(GeneratedUsage.Batch(40, seed: 4, lastMonthStart.AddDays(-12)),
            AiFinOpsSystem.Bearer(Admin))).Accepted);
        await Eventually.Until(() => LedgerAsync(system.DatabaseConnection, lastMonth), l => l.Events == 120, "last month's calls are booked");
        await Eventually.Until(() => LedgerAsync(system.DatabaseConnection, monthBefore), l => l.Events == 40, "the month before's calls are booked");
        var monthBeforeOpen = await StatementAsync(system.Allocation, Admin, monthBefore, "groupBy=cost_centre,team,workflow");

        var beforeClosing = await StatementAsync(system.Allocation, Admin, lastMonth, "groupBy=cost_centre,team,workflow");
        var beforeClosingCsv = await CsvAsync(system.Allocation, Admin, lastMonth, "groupBy=cost_centre,team,workflow");
        Assert.Equal("open", beforeClosing.GetProperty("status").GetString());

        var closed = await ExpectAsync(system.Allocation, Admin, HttpMethod.Post, $"/api/v1/periods/{lastMonth}/close", HttpStatusCode.OK);
        var frozen = await StatementAsync(system.Allocation, Admin, lastMonth, "groupBy=cost_centre,team,workflow");
        Assert.Equal("closed", frozen.GetProperty("status").GetString());
        Assert.Equal(closed.GetProperty("closedAt").GetDateTimeOffset(), frozen.GetProperty("frozenAt").GetDateTimeOffset());
        Assert.Equal(Lines(beforeClosing), Lines(frozen));
        Assert.Equal(beforeClosingCsv, await CsvAsync(system.Allocation, Admin, lastMonth, "groupBy=cost_centre,team,workflow"));

        // Finance changes every rule afterwards, for dates that include the closed month.
        await ExpectAsync(system.Allocation, Admin, HttpMethod.Put, $"/api/v1/cost-centres/rules/{search.GetProperty("id").GetString()}",
            HttpStatusCode.OK, new { costCentre = "CC-B", effectiveFrom = from });
        await DefineCostCentreRuleAsync(system.Allocation, Admin, "team", "growth", "CC-G", from);
        await ExpectAsync(system.Allocation, Admin, HttpMethod.Put, $"/api/v1/shared-costs/rules/{router.GetProperty("id").GetString()}",
            HttpStatusCode.OK, new { method = "even", consumers = Array.Empty<object>(), effectiveFrom = from });
        // Late usage of the closed month arrives: it is booked as a correction in the open month.
        var late = GeneratedUsage.Batch(30, seed: 6, usageDay.AddHours(1));
        Assert.Equal(30, (await system.IngestClient().RecordBatchAsync(late, AiFinOpsSystem.Bearer(Admin))).Accepted);
        await Eventually.Until(() => LedgerAsync(system.DatabaseConnection, thisMonth), l => l.Events >= 30, "the late calls are booked as corrections");

        var afterChanges = await StatementAsync(system.Allocation, Admin, lastMonth, "groupBy=cost_centre,team,workflow");
        Assert.Equal(Lines(beforeClosing), Lines(afterChanges));
        Assert.Equal(beforeClosingCsv, await CsvAsync(system.Allocation, Admin, lastMonth, "groupBy=cost_centre,team,workflow"));
        Assert.Equal(await LedgerAsync(system.DatabaseConnection, lastMonth), Amounts(afterChanges.GetProperty("totals")));
        var monthBeforeClosed = await StatementAsync(system.Allocation, Admin, monthBefore, "groupBy=cost_centre,team,workflow");
        Assert.Equal(("closed", true), (monthBeforeClosed.GetProperty("status").GetString(), monthBeforeClosed.TryGetProperty("frozenAt", out var at) && at.ValueKind != System.Text.Json.JsonValueKind.Null));
        Assert.Equal(Lines(monthBeforeOpen), Lines(monthBeforeClosed));

        // The open month carries the late usage as correction lines, allocated with today's rules.
        var open = await StatementAsync(system.Allocation, Admin, thisMonth, "groupBy=cost_centre,team");
        var corrections = open.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("chargeClass").GetString() == "Correction").ToList();
        Assert.Equal(await LedgerAsync(system.DatabaseConnection, thisMonth), Amounts(open.GetProperty("byChargeClass").GetProperty("Correction")));
        Assert.Contains(corrections, l => l.GetProperty("costCentre").GetString() == "CC-B");
        Assert.DoesNotContain(corrections, l => l.GetProperty("costCentre").GetString() == "CC-A");
        Assert.Contains(Lines(frozen), l => l.StartsWith("CC-A|search|", StringComparison.Ordinal));

        // Rebuilding the ledger from its events changes nothing finance took either.
        await ExpectAsync(system.Allocation, Admin, HttpMethod.Post, "/api/v1/ledger/rebuild", HttpStatusCode.Accepted);
        await Eventually.Until(() => ExpectAsync(system.Allocation, Admin, HttpMethod.Get, "/api/v1/ledger/rebuild", HttpStatusCode.OK),
            p => p.GetProperty("state").GetString() == "succeeded", "the rebuild finishes");
        Assert.Equal(Lines(beforeClosing), Lines(await StatementAsync(system.Allocation, Admin, lastMonth, "groupBy=cost_centre,team,workflow")));
    }

    /// <summary>Each line as text: dimension values, charge class, shared source and every figure, exactly.</summary>
    private static List<string> Lines(System.Text.Json.JsonElement statement) =>
        [.. statement.GetProperty("lines").EnumerateArray().Select(l => string.Join('|', l.EnumerateObject().Select(p => p.Value.ToString())))];
}
