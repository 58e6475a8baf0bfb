using AiFinOps.Contracts.Messages;
using Marten;
using Npgsql;

namespace AiFinOps.Reporting.Usage.RecordingUsage;

/// <summary>
/// Folds a message's priced usage into the call profiles exactly once, in one transaction and one statement however
/// large the batch: the event ids not seen yet are inserted into <c>usage_seen</c> (a redelivered or concurrent duplicate
/// inserts nothing, waiting on the key first), and only those calls are added to the daily profile and the prompt
/// repeats, rows written in key order so concurrent batches do not deadlock. (PostgreSQL runs every data-modifying
/// WITH part to completion, read or not.)
/// </summary>
public sealed class ProfileCalls(NpgsqlDataSource database, IDocumentStore store)
{
    public async Task<int> HandleAsync(IReadOnlyList<PricedUsage> usages, CancellationToken ct)
    {
        var calls = usages.DistinctBy(u => u.EventId, StringComparer.Ordinal).OrderBy(u => u.EventId, StringComparer.Ordinal).ToList();
        if (calls.Count == 0) return 0;
        var schema = store.Options.DatabaseSchemaName;
        var buckets = CallProfileTables.OutputColumns.Select((column, i) => i + 1 < CallProfileTables.OutputBuckets.Count
            ? $"count(*) filter (where output_tokens >= {CallProfileTables.OutputBuckets[i]} and output_tokens < {CallProfileTables.OutputBuckets[i + 1]})"
            : $"count(*) filter (where output_tokens >= {CallProfileTables.OutputBuckets[i]})").ToList();
        var outputs = string.Join(", ", CallProfileTables.OutputColumns);

        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand($"""
            WITH staged AS (
                SELECT * FROM unnest(@event_id, @workflow, @provider, @model, @day, @output_tokens, @max_output_tokens, @fingerprint)
                    AS s(event_id, workflow, provider, model, day, output_tokens, max_output_tokens, fingerprint)
            ), fresh AS (
                INSERT INTO {schema}.{CallProfileTables.Seen} AS seen (event_id)
                SELECT event_id FROM staged ORDER BY event_id COLLATE "C"
                ON CONFLICT (event_id) DO NOTHING
                RETURNING seen.event_id
            ), calls AS (
                SELECT staged.* FROM staged JOIN fresh USING (event_id)
            ), profiled AS (
                INSERT INTO {schema}.{CallProfileTables.Daily} AS d (workflow, provider, model, day, calls, calls_without_output_limit, calls_with_fingerprint, {outputs})
                SELECT workflow, provider, model, day, count(*), count(*) filter (where max_output_tokens = 0), count(*) filter (where fingerprint <> ''),
                       {string.Join(", ", buckets)}
                FROM calls GROUP BY workflow, provider, model, day
                ORDER BY workflow COLLATE "C", provider COLLATE "C", model COLLATE "C", day
                ON CONFLICT (workflow, provider, model, day) DO UPDATE SET
                    calls = d.calls + excluded.calls,
                    calls_without_output_limit = d.calls_without_output_limit + excluded.calls_without_output_limit,
                    calls_with_fingerprint = d.calls_with_fingerprint + excluded.calls_with_fingerprint,
                    {string.Join(", ", CallProfileTables.OutputColumns.Select(c => $"{c} = d.{c} + excluded.{c}"))}
            ), repeated AS (
                INSERT INTO {schema}.{CallProfileTables.Repeats} AS r (workflow, day, fingerprint, calls)
                SELECT workflow, day, fingerprint, count(*) FROM calls WHERE fingerprint <> ''
                GROUP BY workflow, day, fingerprint
                ORDER BY workflow COLLATE "C", day, fingerprint COLLATE "C"
                ON CONFLICT (workflow, day, fingerprint) DO UPDATE SET calls = r.calls + excluded.calls
            )
            SELECT count(*) FROM fresh
            """, connection, transaction);
        var p = command.Parameters;
        p.AddWithValue("event_id", calls.Select(c => c.EventId).ToArray());
        p.AddWithValue("workflow", calls.Select(c => c.Workflow).ToArray());
        p.AddWithValue("provider", calls.Select(c => c.Provider).ToArray());
        p.AddWithValue("model", calls.Select(c => c.Model).ToArray());
        p.AddWithValue("day", calls.Select(c => DateOnly.FromDateTime(c.OccurredAt.UtcDateTime)).ToArray());
        p.AddWithValue("output_tokens", calls.Select(c => c.OutputTokens).ToArray());
        p.AddWithValue("max_output_tokens", calls.Select(c => c.MaxOutputTokens).ToArray());
        p.AddWithValue("fingerprint", calls.Select(c => c.PromptFingerprint).ToArray());
        var profiled = Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        await transaction.CommitAsync(ct);
        return profiled;
    }
}
