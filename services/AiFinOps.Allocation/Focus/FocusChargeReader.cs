using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Ledger.ClosingDays;
using AiFinOps.Allocation.Periods;
using Npgsql;

namespace AiFinOps.Allocation.Focus;

/// <summary>
/// Reads a billing period's charges one at a time, in a stable order. By default from the daily rollup
/// <c>spend_daily</c> (its open days summed from the hourly rollup: <see cref="LedgerTables.EveryDay"/>) — never the
/// ledger lines — so a month of ten million calls is the few hundred thousand rows it rolls up to, streamed; with
/// <see cref="FocusDetail.Run"/> from the period's ledger lines, summed per day, rollup key and run id (the regular
/// lines found by their time, the corrections by their partial index).
/// </summary>
public sealed class FocusChargeReader(NpgsqlDataSource database)
{
    private static readonly string Key = string.Join(", ", LedgerTables.RollupKey);
    private static readonly string Sums = string.Join(", ", LedgerTables.RollupSums);
    private static readonly string Summed = LedgerTables.SummedRollupSums;

    /// <summary>A line's billing period is its usage's month in the org's zone; the margin covers a zone changed since it was booked.</summary>
    private static readonly TimeSpan ZoneMargin = TimeSpan.FromDays(2);

    public async IAsyncEnumerable<(RollupRow Row, string? RunId)> ReadAsync(BillingPeriod period, IReadOnlyList<string> onlyTeams,
        string detail, TimeZoneInfo zone, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var byRun = detail == FocusDetail.Run;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var snapshot = await ClosedDays.BeginSnapshotAsync(connection, cancellationToken);
        await using var command = new NpgsqlCommand(byRun ? ByRunSql : DailySql, connection, snapshot);
        command.Parameters.AddWithValue("period", period.ToString());
        command.Parameters.AddWithValue("teams", onlyTeams.ToArray());
        if (!byRun) await ClosedDays.AddClosedThroughAsync(command, connection, snapshot, cancellationToken);
        if (byRun)
        {
            command.Parameters.AddWithValue("from", (period.Start(zone) - ZoneMargin).UtcDateTime);
            command.Parameters.AddWithValue("to", (period.End(zone) + ZoneMargin).UtcDateTime);
            command.Parameters.AddWithValue("correction", ChargeClasses.Correction);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new RollupKey(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9),
                reader.GetString(10));
            var sums = new RollupSums(
                Events: reader.GetInt64(11), UnpricedEvents: reader.GetInt64(12), InputTokens: reader.GetInt64(13),
                OutputTokens: reader.GetInt64(14), CacheReadTokens: reader.GetInt64(15), CacheWriteTokens: reader.GetInt64(16),
                ReasoningTokens: reader.GetInt64(17), ListCostUsd: reader.GetDecimal(18), EffectiveCostUsd: reader.GetDecimal(19),
                BilledCostUsd: reader.GetDecimal(20), ReportedEvents: reader.GetInt64(21), ReportedCostUsd: reader.GetDecimal(22),
                BilledDriftUsd: reader.GetDecimal(23),
                ListCostByTokenType: new CostByTokenType(reader.GetDecimal(24), reader.GetDecimal(25), reader.GetDecimal(26),
                    reader.GetDecimal(27), reader.GetDecimal(28)));
            var runId = byRun && reader.GetString(29) is { Length: > 0 } run ? run : null;
            yield return (new RollupRow(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), key, sums), runId);
        }
    }

    private static readonly string DailySql = $"""
        SELECT bucket, {Key}, {Sums}
        FROM {LedgerTables.EveryDay(AllocationModule.Schema)} AS every_day
        WHERE billing_period = @period AND (cardinality(@teams::text[]) = 0 OR team = ANY(@teams))
        ORDER BY bucket, {Key}
        """;

    private static readonly string ByRunSql = $"""
        WITH lines AS (
            SELECT * FROM {AllocationModule.Schema}.{LedgerTables.Lines}
            WHERE occurred_at >= @from AND occurred_at < @to AND billing_period = @period AND charge_class <> @correction
            UNION ALL
            SELECT * FROM {AllocationModule.Schema}.{LedgerTables.Lines}
            WHERE charge_class = @correction AND billing_period = @period)
        SELECT date_trunc('day', occurred_at, 'UTC') AS bucket, {Key}, {Summed}, run_id
        FROM lines
        WHERE cardinality(@teams::text[]) = 0 OR team = ANY(@teams)
        GROUP BY bucket, {Key}, run_id
        ORDER BY bucket, {Key}, run_id
        """;
}
