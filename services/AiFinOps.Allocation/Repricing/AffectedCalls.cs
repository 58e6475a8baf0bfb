using System.Text.Json;
using AiFinOps.Allocation.Ledger;
using Npgsql;

namespace AiFinOps.Allocation.Repricing;

/// <summary>
/// Reads the calls a re-pricing run affects, a page at a time along (occurred_at, event id): the keyset rides the
/// ledger's time index, so a run reads its window once however many pages it takes, and a page boundary is a
/// position in the ledger, not an offset that shifts when calls arrive. A call matches when any of its lines (a
/// re-pricing line carries the keys the call resolved to then) names the changed model.
/// </summary>
public static class AffectedCalls
{
    private static readonly string Lines = $"{AllocationModule.Schema}.{LedgerTables.Lines}";
    private static readonly string LinesOfCall = LedgerTables.LinesOfCall(AllocationModule.Schema, "u.event_id");

    /// <summary>A position in the ledger: the last call of a page.</summary>
    public readonly record struct Position(DateTimeOffset OccurredAt, string EventId);

    /// <summary>Ingest accepts no usage this late: an open-ended window stops here.</summary>
    private static readonly DateTimeOffset EndOfUsage = new(9999, 12, 30, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A page of affected calls; <see cref="Last"/> is where the next page starts (null when empty).</summary>
    public sealed record Page(IReadOnlyList<BookedCall> Calls, Position? Last, bool IsLast);

    public static async Task<Page> ReadPageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        RepricingScope scope, Position? after, int pageSize, CancellationToken ct)
    {
        var positions = await PositionsAsync(connection, transaction, scope, after, pageSize, ct);
        if (positions.Count == 0) return new Page([], null, true);
        var calls = await CallsAsync(connection, transaction, positions.Select(p => p.EventId).ToList(), ct);
        return new Page(calls, positions[^1], positions.Count < pageSize);
    }

    private static async Task<List<Position>> PositionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        RepricingScope scope, Position? after, int pageSize, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT DISTINCT occurred_at, event_id
            FROM {Lines}
            WHERE occurred_at >= @from AND occurred_at < @to
              AND (occurred_at, event_id) > (@after_at, @after_id)
              AND ((provider = @provider AND (@model::text IS NULL OR catalogue_keys @> ARRAY[@model::text]))
                   OR (@model::text IS NOT NULL AND catalogue_keys @> ARRAY[@qualified::text])
                   OR (@model::text IS NULL AND EXISTS (SELECT 1 FROM unnest(catalogue_keys) AS k WHERE starts_with(k, @prefix))))
            ORDER BY occurred_at, event_id
            LIMIT @limit
            """, connection, transaction);
        var from = after is { } a && a.OccurredAt > scope.From ? a.OccurredAt : scope.From;
        command.Parameters.AddWithValue("from", from.UtcDateTime);
        command.Parameters.AddWithValue("to", (scope.To ?? EndOfUsage).UtcDateTime);
        command.Parameters.AddWithValue("after_at", (after?.OccurredAt ?? scope.From).UtcDateTime);
        command.Parameters.AddWithValue("after_id", after?.EventId ?? "");
        command.Parameters.AddWithValue("provider", scope.Provider);
        command.Parameters.Add(new NpgsqlParameter("model", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)scope.Model ?? DBNull.Value });
        command.Parameters.AddWithValue("qualified", $"{scope.Provider}/{scope.Model}");
        command.Parameters.AddWithValue("prefix", scope.Provider + "/");
        command.Parameters.AddWithValue("limit", pageSize);

        var positions = new List<Position>(pageSize);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) positions.Add(new Position(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1)));
        return positions;
    }

    /// <summary>The calls of a page with their usage line and their cost so far (the sums over all their lines).</summary>
    private static async Task<List<BookedCall>> CallsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<string> eventIds, CancellationToken ct)
    {
        var parts = string.Join(", ", LedgerTables.ListCostByTokenType.Select(c => $"sum(a.{c})"));
        await using var command = new NpgsqlCommand($"""
            SELECT u.event_id, u.occurred_at, u.provider, u.model, u.service_tier, u.team, u.workflow, u.environment,
                   u.tags::text, u.run_id, u.recorded_by, u.input_tokens, u.output_tokens, u.cache_read_tokens,
                   u.cache_write_tokens, u.reasoning_tokens,
                   ARRAY(SELECT DISTINCT k FROM {LinesOfCall} AS b, unnest(b.catalogue_keys) AS k),
                   s.*
            FROM {Lines} AS u
            CROSS JOIN LATERAL (
                SELECT sum(a.unpriced_events)::bigint, sum(a.list_cost_usd), sum(a.effective_cost_usd), sum(a.billed_cost_usd),
                       sum(a.reported_events)::bigint, sum(a.reported_cost_usd), sum(a.billed_drift_usd), {parts}
                FROM {LinesOfCall} AS a) AS s
            WHERE u.line_id = ANY(@ids) AND u.kind = '{LineKinds.Usage}'
            ORDER BY u.occurred_at, u.event_id
            """, connection, transaction);
        command.Parameters.AddWithValue("ids", eventIds.ToArray());

        var calls = new List<BookedCall>(eventIds.Count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var reportedEvents = reader.GetInt64(21);
            calls.Add(new BookedCall(
                EventId: reader.GetString(0),
                OccurredAt: reader.GetFieldValue<DateTimeOffset>(1),
                Provider: reader.GetString(2),
                Model: reader.GetString(3),
                ServiceTier: reader.GetString(4),
                Team: reader.GetString(5),
                Workflow: reader.GetString(6),
                Environment: reader.GetString(7),
                Tags: JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(8)) ?? [],
                RunId: reader.GetString(9),
                RecordedBy: reader.GetString(10),
                InputTokens: reader.GetInt64(11),
                OutputTokens: reader.GetInt64(12),
                CacheReadTokens: reader.GetInt64(13),
                CacheWriteTokens: reader.GetInt64(14),
                ReasoningTokens: reader.GetInt64(15),
                CatalogueKeys: reader.GetFieldValue<string[]>(16),
                Booked: new CallCost(
                    UnpricedEvents: reader.GetInt64(17),
                    ListCostUsd: reader.GetDecimal(18),
                    EffectiveCostUsd: reader.GetDecimal(19),
                    BilledCostUsd: reader.GetDecimal(20),
                    ReportedCostUsd: reportedEvents > 0 ? reader.GetDecimal(22) : null,
                    BilledDriftUsd: reader.GetDecimal(23),
                    ListCostByTokenType: new CostByTokenType(reader.GetDecimal(24), reader.GetDecimal(25), reader.GetDecimal(26),
                        reader.GetDecimal(27), reader.GetDecimal(28)))));
        }
        return calls;
    }
}
