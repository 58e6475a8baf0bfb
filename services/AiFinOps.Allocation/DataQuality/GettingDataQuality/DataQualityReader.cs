using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Spend.GettingSpend;
using AiFinOps.Contracts.Messages;
using AiFinOps.ServiceDefaults.Queries;
using Npgsql;

namespace AiFinOps.Allocation.DataQuality.GettingDataQuality;

/// <summary>
/// Answers the data-quality questions from the rollups (whole days and hours, ledger lines only for the minutes at the
/// edges, as <see cref="SpendSegments"/> splits a range) — except untagged spend by API key, which the rollups do not
/// key by: that reads the ledger lines missing a tag, through their partial index.
/// </summary>
public sealed class DataQualityReader(NpgsqlDataSource database)
{
    private static readonly string Schema = AllocationModule.Schema;
    private const string Untagged = $"'{UsageDimensions.Untagged}'";

    /// <summary>What one model's rows sum to; the report's totals are their sum.</summary>
    private sealed record ModelRow(string Provider, string Model, long Events, decimal List, decimal Effective, decimal Billed, long Unpriced,
        long TeamEvents, decimal TeamBilled, long WorkflowEvents, decimal WorkflowBilled, long EnvironmentEvents, decimal EnvironmentBilled,
        long AllEvents, decimal AllBilled);

    public async Task<DataQualityReport> ReadAsync(TimeRange range, IReadOnlyList<string> onlyTeams, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var models = await ModelsAsync(connection, range, onlyTeams, ct);
        var drift = await DriftAsync(connection, range, onlyTeams, ct);
        var untagged = await UntaggedByKeyAsync(connection, range, onlyTeams, ct);

        var totals = new DataQualityTotals(models.Sum(m => m.Events), models.Sum(m => m.List), models.Sum(m => m.Effective), models.Sum(m => m.Billed));
        Coverage Cover(Func<ModelRow, long> events, Func<ModelRow, decimal> billed)
        {
            var (e, b) = (models.Sum(events), models.Sum(billed));
            return new Coverage(e, Percent(e, totals.Events), b, Percent(b, totals.BilledCostUsd));
        }
        var coverage = new TagCoverage(UsageDimensions.Untagged, Cover(m => m.TeamEvents, m => m.TeamBilled),
            Cover(m => m.WorkflowEvents, m => m.WorkflowBilled), Cover(m => m.EnvironmentEvents, m => m.EnvironmentBilled),
            Cover(m => m.AllEvents, m => m.AllBilled));

        var unpricedModels = models.Where(m => m.Unpriced != 0)
            .Select(m => new UnpricedModelCount(m.Provider, m.Model, m.Unpriced, m.Events))
            .OrderByDescending(m => m.UnpricedEvents).ThenBy(m => m.Provider, StringComparer.Ordinal).ThenBy(m => m.Model, StringComparer.Ordinal)
            .ToList();
        var unpricedEvents = unpricedModels.Sum(m => m.UnpricedEvents);
        var details = $"/api/v1/ledger/unpriced?from={range.From.UtcDateTime:O}&to={range.To.UtcDateTime:O}";
        var unpriced = new UnpricedUsageSummary(unpricedEvents, Percent(unpricedEvents, totals.Events), details, unpricedModels);

        var driftTotal = new DriftFigures(drift.Sum(d => d.ReportedEvents), drift.Sum(d => d.ReportedCostUsd), drift.Sum(d => d.CatalogueCostUsd),
            drift.Sum(d => d.DriftUsd), Percent(drift.Sum(d => d.DriftUsd), drift.Sum(d => d.CatalogueCostUsd)), drift.Sum(d => d.UnpricedReportedEvents));

        return new DataQualityReport(range.From, range.To, totals, coverage, untagged, unpriced, new CatalogueDrift(driftTotal, drift));
    }

    private static decimal? Percent(decimal part, decimal whole) => whole == 0 ? null : Math.Round(part * 100m / whole, 2);

    /// <summary>The range as the union of its rollup and edge-line segments; <c>t</c> is the hour or day of a row.</summary>
    private static string Segments(NpgsqlCommand command, TimeRange range, IReadOnlyList<string> onlyTeams)
    {
        command.Parameters.AddWithValue("teams", onlyTeams.ToArray());
        var segments = SpendSegments.Of(range.From, range.To, LedgerTables.Lines, LedgerTables.Hourly, LedgerTables.Daily);
        if (segments.Count == 0) return $"SELECT now() AS t, * FROM {Schema}.{LedgerTables.Daily} WHERE false";
        return string.Join("\nUNION ALL\n", segments.Select((s, n) =>
        {
            command.Parameters.AddWithValue($"from{n}", s.From.UtcDateTime);
            command.Parameters.AddWithValue($"to{n}", s.To.UtcDateTime);
            var t = s.TimeColumn == "bucket" ? "bucket" : "date_trunc('hour', occurred_at)";
            return $"""
                SELECT {t} AS t, team, workflow, environment, provider, model, service_tier, cost_centre_tag, extra, events, unpriced_events,
                       list_cost_usd, effective_cost_usd, billed_cost_usd, reported_events, reported_cost_usd, billed_drift_usd
                FROM {Schema}.{s.Table}
                WHERE {s.TimeColumn} >= @from{n} AND {s.TimeColumn} < @to{n} AND (cardinality(@teams::text[]) = 0 OR team = ANY(@teams))
                {(s.OpenDaysOnly ? $"AND bucket >= {LedgerTables.ClosedThrough(Schema)}" : "")}
                """;
        }));
    }

    private static async Task<List<ModelRow>> ModelsAsync(NpgsqlConnection connection, TimeRange range, IReadOnlyList<string> onlyTeams, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT provider, model, sum(events)::bigint, sum(list_cost_usd), sum(effective_cost_usd), sum(billed_cost_usd), sum(unpriced_events)::bigint,
                   coalesce(sum(events) FILTER (WHERE team <> {Untagged}), 0)::bigint, coalesce(sum(billed_cost_usd) FILTER (WHERE team <> {Untagged}), 0),
                   coalesce(sum(events) FILTER (WHERE workflow <> {Untagged}), 0)::bigint, coalesce(sum(billed_cost_usd) FILTER (WHERE workflow <> {Untagged}), 0),
                   coalesce(sum(events) FILTER (WHERE environment <> {Untagged}), 0)::bigint, coalesce(sum(billed_cost_usd) FILTER (WHERE environment <> {Untagged}), 0),
                   coalesce(sum(events) FILTER (WHERE team <> {Untagged} AND workflow <> {Untagged} AND environment <> {Untagged}), 0)::bigint,
                   coalesce(sum(billed_cost_usd) FILTER (WHERE team <> {Untagged} AND workflow <> {Untagged} AND environment <> {Untagged}), 0)
            FROM ({Segments(command, range, onlyTeams)}) AS spend
            GROUP BY provider, model
            """;
        var rows = new List<ModelRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new ModelRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetDecimal(3), reader.GetDecimal(4),
                reader.GetDecimal(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetDecimal(8), reader.GetInt64(9), reader.GetDecimal(10),
                reader.GetInt64(11), reader.GetDecimal(12), reader.GetInt64(13), reader.GetDecimal(14)));
        }
        return rows;
    }

    /// <summary>
    /// Drift per model. A call's re-pricing lines share its time bucket and dimensions but may sit in another billing
    /// period, so rows are first summed per bucket and dimensions (a "cell"); a cell whose calls all have a price
    /// compares its reported cost with reported − drift, i.e. the catalogue's effective cost of the same calls.
    /// </summary>
    private static async Task<List<ModelDrift>> DriftAsync(NpgsqlConnection connection, TimeRange range, IReadOnlyList<string> onlyTeams, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT provider, model,
                   coalesce(sum(reported) FILTER (WHERE unpriced = 0), 0)::bigint,
                   coalesce(sum(reported_cost) FILTER (WHERE unpriced = 0), 0),
                   coalesce(sum(reported_cost - drift) FILTER (WHERE unpriced = 0), 0),
                   coalesce(sum(drift) FILTER (WHERE unpriced = 0), 0),
                   coalesce(sum(reported) FILTER (WHERE unpriced <> 0), 0)::bigint
            FROM (SELECT provider, model, sum(unpriced_events) AS unpriced, sum(reported_events) AS reported,
                         sum(reported_cost_usd) AS reported_cost, sum(billed_drift_usd) AS drift
                  FROM ({Segments(command, range, onlyTeams)}) AS spend
                  GROUP BY t, team, workflow, environment, provider, model, service_tier, cost_centre_tag, extra) AS cells
            GROUP BY provider, model
            HAVING sum(reported) > 0
            """;
        var rows = new List<ModelDrift>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (catalogue, drift) = (reader.GetDecimal(4), reader.GetDecimal(5));
            rows.Add(new ModelDrift(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetDecimal(3), catalogue, drift,
                Percent(drift, catalogue), reader.GetInt64(6)));
        }
        return rows.OrderByDescending(d => Math.Abs(d.DriftUsd)).ThenBy(d => d.Provider, StringComparer.Ordinal)
            .ThenBy(d => d.Model, StringComparer.Ordinal).ToList();
    }

    /// <summary>The lines missing a tag (the partial index <c>ix_ledger_lines_untagged</c> holds exactly those), per key.</summary>
    private static async Task<List<UntaggedSpendByKey>> UntaggedByKeyAsync(NpgsqlConnection connection, TimeRange range,
        IReadOnlyList<string> onlyTeams, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT recorded_by, sum(events)::bigint, sum(billed_cost_usd), sum(effective_cost_usd),
                   coalesce(sum(events) FILTER (WHERE team = {Untagged}), 0)::bigint,
                   coalesce(sum(events) FILTER (WHERE workflow = {Untagged}), 0)::bigint,
                   coalesce(sum(events) FILTER (WHERE environment = {Untagged}), 0)::bigint
            FROM {Schema}.{LedgerTables.Lines}
            WHERE {LedgerTables.UntaggedPredicate}
              AND occurred_at >= @from AND occurred_at < @to
              AND (cardinality(@teams::text[]) = 0 OR team = ANY(@teams))
            GROUP BY recorded_by
            ORDER BY 3 DESC, 2 DESC, 1
            """;
        command.Parameters.AddWithValue("from", range.From.UtcDateTime);
        command.Parameters.AddWithValue("to", (range.To > SpendSegments.EndOfUsage ? SpendSegments.EndOfUsage : range.To).UtcDateTime);
        command.Parameters.AddWithValue("teams", onlyTeams.ToArray());
        var rows = new List<UntaggedSpendByKey>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new UntaggedSpendByKey(reader.GetString(0), reader.GetInt64(1), reader.GetDecimal(2), reader.GetDecimal(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6)));
        }
        return rows;
    }
}
