using System.Globalization;
using AiFinOps.Allocation;
using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Ledger.ClosingDays;
using AiFinOps.Allocation.Spend.GettingSpend;
using AiFinOps.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiFinOps.IntegrationTests.Allocating;

/// <summary>
/// The daily rollups (spend and statement) hold closed days only: an open day's usage is in the hourly rollup, summed
/// into them once when the day closes. Whatever the state, spend answers exactly the sum of the lines, and a closed
/// day's daily rows are exactly its hourly rows summed. The days used are years ahead, which the service's own closing (at the
/// real time) never reaches, so only these tests close them.
/// </summary>
public sealed class DailyRollupClosingTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private static readonly DateTimeOffset OpenDay = new(2033, 5, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset OldLedgerDay = new(2032, 5, 10, 0, 0, 0, TimeSpan.Zero);

    private DailyRollupCloser Closer => system.Allocation.Services.GetRequiredService<DailyRollupCloser>();
    private LedgerProjection Projection => system.Allocation.Services.GetRequiredService<LedgerProjection>();
    private SpendReader Spend => system.Allocation.Services.GetRequiredService<SpendReader>();

    [Fact]
    public async Task Open_days_are_answered_from_the_hourly_rollup_and_closing_them_changes_no_figure()
    {
        // Every day before these closed (and closing begun, should the service not have started it yet).
        await Closer.CloseBeforeAsync(OpenDay, default);
        Assert.Equal(OpenDay, await ClosedThroughAsync());
        var lines = Lines("open", OpenDay, days: 4, count: 1_200, seed: 3);
        await BookAsync(lines);
        Assert.Equal(0, await DailyRowsAsync(OpenDay, OpenDay.AddDays(4)));
        Assert.Equal(0, await DailyRowsAsync(OpenDay, OpenDay.AddDays(4), statement: true));
        await AssertSpendIsTheLinesAsync(lines, OpenDay);

        Assert.Equal(2, await Closer.CloseBeforeAsync(OpenDay.AddDays(2), default));
        Assert.Equal(OpenDay.AddDays(2), await ClosedThroughAsync());

        Assert.True(await DailyRowsAsync(OpenDay, OpenDay.AddDays(2)) > 10, "the closed days have daily rows");
        Assert.Equal(0, await DailyRowsAsync(OpenDay.AddDays(2), OpenDay.AddDays(4)));
        Assert.Equal(await HourlyByDayAsync(OpenDay, OpenDay.AddDays(2)), await DailyAsync(OpenDay, OpenDay.AddDays(2)));
        Assert.Equal(await HourlyByDayAsync(OpenDay, OpenDay.AddDays(2), statement: true), await DailyAsync(OpenDay, OpenDay.AddDays(2), statement: true));
        await AssertSpendIsTheLinesAsync(lines, OpenDay);

        // Late usage of a closed day goes to its daily rows too; an open day's stays hourly.
        var late = Lines("late", OpenDay.AddDays(1), days: 2, count: 300, seed: 4);
        await BookAsync(late);
        Assert.Equal(await HourlyByDayAsync(OpenDay, OpenDay.AddDays(2)), await DailyAsync(OpenDay, OpenDay.AddDays(2)));
        Assert.Equal(await HourlyByDayAsync(OpenDay, OpenDay.AddDays(2), statement: true), await DailyAsync(OpenDay, OpenDay.AddDays(2), statement: true));
        Assert.Equal(0, await DailyRowsAsync(OpenDay.AddDays(2), OpenDay.AddDays(4)));
        await AssertSpendIsTheLinesAsync([.. lines, .. late], OpenDay);

        Assert.Equal(0, await Closer.CloseBeforeAsync(OpenDay.AddDays(2), default));
        await using var connection = await OpenAsync();
        Assert.False(await LedgerProjection.FillStatementRollupAsync(connection, default), "the statement rollup is in step with every day's rows");
    }

    [Fact]
    public async Task The_first_close_of_a_ledger_with_every_day_in_the_daily_rollup_leaves_the_open_days_to_the_hourly_rollup()
    {
        // A ledger booked before days were closed: no closed_through, so booking wrote every day into the daily rollup.
        var lines = Lines("old", OldLedgerDay, days: 3, count: 900, seed: 5);
        await using (var connection = await OpenAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await LedgerLock.TakeAloneAsync(connection, transaction, default);
            await using (var forget = new NpgsqlCommand($"DELETE FROM allocation.{LedgerTables.DaysClosed}", connection, transaction))
            {
                await forget.ExecuteNonQueryAsync();
            }
            var inserted = await Projection.InsertNewLinesAsync(connection, transaction, lines, DateTimeOffset.UtcNow, default);
            await Projection.AddToRollupsAsync(connection, transaction, inserted, default);
            await transaction.CommitAsync();
        }
        Assert.True(await DailyRowsAsync(OldLedgerDay.AddDays(1), OldLedgerDay.AddDays(3)) > 10, "every day was booked into the daily rollup");
        await AssertSpendIsTheLinesAsync(lines, OldLedgerDay);

        await Closer.CloseBeforeAsync(OldLedgerDay.AddDays(1), default);

        Assert.Equal(0, await DailyRowsAsync(OldLedgerDay.AddDays(1), OldLedgerDay.AddDays(3)));
        Assert.Equal(0, await DailyRowsAsync(OldLedgerDay.AddDays(1), OldLedgerDay.AddDays(3), statement: true));
        Assert.Equal(await HourlyByDayAsync(OldLedgerDay, OldLedgerDay.AddDays(1)), await DailyAsync(OldLedgerDay, OldLedgerDay.AddDays(1)));
        Assert.Equal(await HourlyByDayAsync(OldLedgerDay, OldLedgerDay.AddDays(1), statement: true), await DailyAsync(OldLedgerDay, OldLedgerDay.AddDays(1), statement: true));
        await AssertSpendIsTheLinesAsync(lines, OldLedgerDay);
    }

    [Fact]
    public async Task Only_a_UTC_midnight_can_be_the_first_open_day()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Closer.CloseBeforeAsync(OpenDay.AddHours(5), default));
    }

    /// <summary>
    /// Spend by team and day over the four days from <paramref name="start"/>, and by team over a range with
    /// to-the-second edges (lines, hours and days), equal the lines' own sums.
    /// </summary>
    private async Task AssertSpendIsTheLinesAsync(IReadOnlyList<LedgerLine> lines, DateTimeOffset start)
    {
        var (from, to) = (start, start.AddDays(4));
        var byDay = await Spend.ReadAsync(new SpendQuery(from, to, ["team"], new Dictionary<string, IReadOnlyList<string>>(), "day"), [], default);
        Assert.Equal(Sums(lines, from, to, l => $"{l.Team}|{l.OccurredAt.UtcDateTime:yyyy-MM-dd}"),
            Figures(byDay, r => $"{r["team"]}|{r["period"]}"));

        (from, to) = (start.AddHours(7).AddMinutes(13).AddSeconds(9), start.AddDays(3).AddHours(16).AddMinutes(41));
        var edges = await Spend.ReadAsync(new SpendQuery(from, to, ["team"], new Dictionary<string, IReadOnlyList<string>>(), null), [], default);
        Assert.Equal(Sums(lines, from, to, l => l.Team), Figures(edges, r => (string)r["team"]!));
    }

    private static List<(string Key, long Events, decimal Billed, long Input)> Sums(IEnumerable<LedgerLine> lines, DateTimeOffset from,
        DateTimeOffset to, Func<LedgerLine, string> key) =>
        [.. lines.Where(l => l.OccurredAt >= from && l.OccurredAt < to).GroupBy(key)
            .Select(g => (g.Key, g.Sum(l => l.Events), g.Sum(l => l.BilledCostUsd), g.Sum(l => l.InputTokens)))
            .OrderBy(s => s.Key, StringComparer.Ordinal)];

    private static List<(string Key, long Events, decimal Billed, long Input)> Figures(SpendReport report,
        Func<IReadOnlyDictionary<string, object?>, string> key) =>
        [.. report.Rows.Select(r => (key(r), (long)r["events"]!, (decimal)r["billedCostUsd"]!, (long)r["inputTokens"]!))
            .OrderBy(s => s.Item1, StringComparer.Ordinal)];

    private async Task BookAsync(IReadOnlyList<LedgerLine> lines)
    {
        await using var connection = await OpenAsync();
        foreach (var page in lines.Chunk(250))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await LedgerLock.ShareAsync(connection, transaction, default);
            var inserted = await Projection.InsertNewLinesAsync(connection, transaction, page, DateTimeOffset.UtcNow, default);
            await Projection.AddToRollupsAsync(connection, transaction, inserted, default);
            await transaction.CommitAsync();
        }
    }

    private async Task<DateTimeOffset> ClosedThroughAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT closed_through FROM allocation.{LedgerTables.DaysClosed}", connection);
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync())!, TimeSpan.Zero);
    }

    private async Task<long> DailyRowsAsync(DateTimeOffset from, DateTimeOffset to, bool statement = false)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM allocation.{Grain(statement).Table} WHERE bucket >= @from AND bucket < @to", connection);
        command.Parameters.AddWithValue("from", from.UtcDateTime);
        command.Parameters.AddWithValue("to", to.UtcDateTime);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The rows of the days in [from, to), every column as text, in key order: of the daily rollup, or of the statement
    /// rollup (<paramref name="statement"/>).
    /// </summary>
    private Task<List<string>> DailyAsync(DateTimeOffset from, DateTimeOffset to, bool statement = false)
    {
        var (table, keys, sums) = Grain(statement);
        return RowsAsync($"SELECT bucket, {string.Join(", ", keys)}, {string.Join(", ", sums)} FROM allocation.{table}", keys, from, to);
    }

    /// <summary>The hourly rollup's rows of the days in [from, to) summed per day, as <see cref="DailyAsync"/> gives them.</summary>
    private Task<List<string>> HourlyByDayAsync(DateTimeOffset from, DateTimeOffset to, bool statement = false)
    {
        var (_, keys, sums) = Grain(statement);
        return RowsAsync($"SELECT date_trunc('day', bucket, 'UTC') AS bucket, {string.Join(", ", keys)}, {LedgerTables.Summed(sums)} FROM allocation.{LedgerTables.Hourly}",
            keys, from, to, $"GROUP BY 1, {string.Join(", ", keys)}");
    }

    private static (string Table, IReadOnlyList<string> Keys, IReadOnlyList<string> Sums) Grain(bool statement) => statement
        ? (LedgerTables.Statement, LedgerTables.StatementKey, LedgerTables.StatementSums)
        : (LedgerTables.Daily, LedgerTables.RollupKey, LedgerTables.RollupSums);

    private async Task<List<string>> RowsAsync(string select, IReadOnlyList<string> keys, DateTimeOffset from, DateTimeOffset to, string groupBy = "")
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"{select} WHERE bucket >= @from AND bucket < @to {groupBy} ORDER BY 1, {string.Join(", ", keys)}", connection);
        command.Parameters.AddWithValue("from", from.UtcDateTime);
        command.Parameters.AddWithValue("to", to.UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        Assert.NotEmpty(rows);
        return rows;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(system.DatabaseConnection);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Seeded lines over <paramref name="days"/> days from <paramref name="start"/>: teams, tiers, a product tag, costs at uneven scales.</summary>
    private static List<LedgerLine> Lines(string prefix, DateTimeOffset start, int days, int count, int seed)
    {
        var random = new Random(seed);
        string[] teams = ["search", "growth", "(untagged)"];
        string[] tiers = ["standard", "batch"];
        var lines = new List<LedgerLine>();
        for (var i = 0; i < count; i++)
        {
            var at = start.AddSeconds(random.Next(days * 86_400));
            var cost = Math.Round(random.Next(1, 5_000_000) / 1_000_000m, random.Next(2, 10));
            var id = $"closing-{prefix}-{seed}-{i}";
            lines.Add(new LedgerLine(
                LineId: id, EventId: id, Kind: LineKinds.Usage, BillingPeriod: $"{at:yyyy-MM}", ChargeClass: ChargeClasses.Regular,
                OccurredAt: at, Provider: "openai", Model: random.Next(2) == 0 ? "gpt-4o" : "gpt-4o-mini", CatalogueKeys: ["gpt-4o"],
                ServiceTier: tiers[random.Next(tiers.Length)], Team: teams[random.Next(teams.Length)], Workflow: "wf-" + random.Next(3),
                Environment: "prod", Tags: random.Next(3) == 0 ? new Dictionary<string, string> { ["product"] = "checkout" } : new Dictionary<string, string>(),
                RunId: "", RecordedBy: "test", Events: 1, UnpricedEvents: 0, InputTokens: random.Next(10, 40_000), OutputTokens: random.Next(1, 3_000),
                CacheReadTokens: 0, CacheWriteTokens: 0, ReasoningTokens: 0, Priced: true, PriceReference: null, DiscountReference: null,
                ListCostUsd: cost * 1.25m, EffectiveCostUsd: cost, BilledCostUsd: cost, ReportedCostUsd: null, BilledDriftUsd: null));
        }
        return lines;
    }
}
