using AiFinOps.Anomaly.Calls;
using AiFinOps.Anomaly.Detections;
using AiFinOps.Anomaly.Detections.TokenSpikes;
using AiFinOps.Anomaly.Runs.ClosingIdleRuns;
using AiFinOps.ServiceDefaults.Database;
using Npgsql;
using NpgsqlTypes;

namespace AiFinOps.Anomaly.Watching;

/// <summary>
/// Set-based SQL over the watch tables, inside the caller's transaction: one statement per step however large the
/// batch (unnest inserts and upserts, RETURNING), rows written in key order so concurrent batches never deadlock.
/// </summary>
public sealed class WatchStore(string schema)
{
    public string Schema { get; } = schema;

    /// <summary>
    /// Inserts the calls not observed yet and returns exactly those: the exactly-once step. All of them are new nearly
    /// always, and are copied in (binary COPY); when one was observed before (a redelivery or a concurrent duplicate)
    /// the copy fails on it and an insert that skips observed calls returns which it inserted (<see cref="OptimisticInsert"/>).
    /// </summary>
    public async Task<IReadOnlyList<ObservedCall>> InsertNewCallsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<ObservedCall> calls, CancellationToken cancellationToken)
    {
        var distinct = calls.DistinctBy(c => c.EventId, StringComparer.Ordinal).OrderBy(c => c.EventId, StringComparer.Ordinal).ToList();
        if (distinct.Count == 0) return [];
        return await OptimisticInsert.RunAsync<IReadOnlyList<ObservedCall>>(transaction,
            async () =>
            {
                await CopyCallsAsync(connection, distinct, cancellationToken);
                return distinct;
            },
            () => InsertUnobservedCallsAsync(connection, transaction, distinct, cancellationToken), cancellationToken);
    }

    private async Task CopyCallsAsync(NpgsqlConnection connection, List<ObservedCall> calls, CancellationToken ct)
    {
        await using var copy = await BinaryCopy.BeginAsync(connection, $"""
            COPY {Schema}.{WatchTables.Calls} (event_id, occurred_at, team, workflow, run_key, input_tokens, output_tokens, effective_cost_usd)
            FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var call in calls)
        {
            copy.StartRow(8);
            copy.Text(call.EventId);
            copy.TimestampTz(call.OccurredAt);
            copy.Text(call.Team);
            copy.Text(call.Workflow);
            copy.Text(call.RunKey);
            copy.Int8(call.InputTokens);
            copy.Int8(call.OutputTokens);
            copy.Numeric(call.EffectiveCostUsd);
            await copy.EndRowAsync(ct);
        }
        await copy.CompleteAsync(ct);
    }

    private async Task<IReadOnlyList<ObservedCall>> InsertUnobservedCallsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<ObservedCall> calls, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Schema}.{WatchTables.Calls} AS c (event_id, occurred_at, team, workflow, run_key, input_tokens, output_tokens, effective_cost_usd)
            SELECT * FROM unnest(@event_id, @occurred_at, @team, @workflow, @run_key, @input_tokens, @output_tokens, @cost)
            ON CONFLICT (event_id) DO NOTHING
            RETURNING c.event_id
            """, connection, transaction);
        var p = command.Parameters;
        p.AddWithValue("event_id", calls.Select(c => c.EventId).ToArray());
        p.AddWithValue("occurred_at", calls.Select(c => c.OccurredAt.UtcDateTime).ToArray());
        p.AddWithValue("team", calls.Select(c => c.Team).ToArray());
        p.AddWithValue("workflow", calls.Select(c => c.Workflow).ToArray());
        p.AddWithValue("run_key", calls.Select(c => c.RunKey).ToArray());
        p.AddWithValue("input_tokens", calls.Select(c => c.InputTokens).ToArray());
        p.AddWithValue("output_tokens", calls.Select(c => c.OutputTokens).ToArray());
        p.AddWithValue("cost", calls.Select(c => c.EffectiveCostUsd).ToArray());
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) inserted.Add(reader.GetString(0));
        }
        return calls.Where(c => inserted.Contains(c.EventId)).ToList();
    }

    /// <summary>
    /// Locks the workflows' rows in name order (creating them; <paramref name="firstSeen"/> null for a registration)
    /// and returns their state. Whoever decides about a workflow holds its row until commit: batches, the sweep,
    /// registry commands and incident commands, so their events are sequenced in the order they decided.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, WatchState>> LockWorkflowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyDictionary<string, DateTimeOffset?> firstSeen, CancellationToken cancellationToken)
    {
        var names = firstSeen.Keys.Order(StringComparer.Ordinal).ToArray();
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Schema}.{WatchTables.Watch} AS w (workflow, first_seen_at)
            SELECT u.workflow, u.first_seen_at FROM unnest(@workflow, @first_seen_at) AS u(workflow, first_seen_at) ORDER BY u.workflow COLLATE "C"
            ON CONFLICT (workflow) DO UPDATE SET first_seen_at = LEAST(w.first_seen_at, excluded.first_seen_at)
            RETURNING w.workflow, w.first_seen_at, w.unregistered_month, w.pace_month, w.pace_projected_usd, w.volume_hour, w.output_shifted,
                w.runs_closed_before
            """, connection, transaction);
        command.Parameters.AddWithValue("workflow", names);
        command.Parameters.Add(TimesOrNull("first_seen_at", names.Select(n => firstSeen[n])));
        var states = new Dictionary<string, WatchState>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states[reader.GetString(0)] = new WatchState(reader.GetString(0), NullableTime(reader, 1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetDecimal(4), NullableTime(reader, 5), reader.GetBoolean(6), NullableTime(reader, 7));
        }
        return states;
    }

    /// <summary>Writes back the detections' state of these workflows (their rows are locked).</summary>
    public async Task SaveStatesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<WatchState> states,
        CancellationToken cancellationToken)
    {
        if (states.Count == 0) return;
        await using var command = new NpgsqlCommand($"""
            UPDATE {Schema}.{WatchTables.Watch} AS w
            SET unregistered_month = u.unregistered_month, pace_month = u.pace_month, pace_projected_usd = u.pace_projected_usd,
                volume_hour = u.volume_hour, output_shifted = u.output_shifted, runs_closed_before = u.runs_closed_before
            FROM unnest(@workflow, @unregistered_month, @pace_month, @pace_projected_usd, @volume_hour, @output_shifted, @runs_closed_before)
                AS u(workflow, unregistered_month, pace_month, pace_projected_usd, volume_hour, output_shifted, runs_closed_before)
            WHERE w.workflow = u.workflow
            """, connection, transaction);
        var p = command.Parameters;
        p.AddWithValue("workflow", states.Select(s => s.Workflow).ToArray());
        p.Add(new NpgsqlParameter("unregistered_month", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = states.Select(s => (object?)s.UnregisteredMonth ?? DBNull.Value).ToArray() });
        p.Add(new NpgsqlParameter("pace_month", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = states.Select(s => (object?)s.PaceMonth ?? DBNull.Value).ToArray() });
        p.Add(new NpgsqlParameter("pace_projected_usd", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = states.Select(s => (object?)s.PaceProjectedUsd ?? DBNull.Value).ToArray() });
        p.Add(TimesOrNull("volume_hour", states.Select(s => s.VolumeHour)));
        p.AddWithValue("output_shifted", states.Select(s => s.OutputShifted).ToArray());
        p.Add(TimesOrNull("runs_closed_before", states.Select(s => s.RunsClosedBefore)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The workflows with runs the wall clock closes: runs still open (last call at or after the workflow's
    /// <c>runs_closed_before</c>) whose last call is before <paramref name="before"/>. Read through the workflow × last call
    /// index, one short range per workflow.
    /// </summary>
    public async Task<IReadOnlyList<string>> WorkflowsWithRunsIdleBeforeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT w.workflow FROM {Schema}.{WatchTables.Watch} w
            WHERE (w.runs_closed_before IS NULL OR w.runs_closed_before < @before)
              AND EXISTS (SELECT 1 FROM {Schema}.{WatchTables.Runs} r WHERE r.workflow = w.workflow AND r.last_at < @before
                  AND (w.runs_closed_before IS NULL OR r.last_at >= w.runs_closed_before))
            """, connection, transaction);
        command.Parameters.AddWithValue("before", before.UtcDateTime);
        var workflows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) workflows.Add(reader.GetString(0));
        return workflows;
    }

    /// <summary>
    /// Closes these workflows' runs idle since before <paramref name="before"/> (their rows are locked) and returns how many
    /// it closed per workflow: the <c>runs_closed_before</c> of the workflows with runs to close moves up to it, no run is
    /// written.
    /// </summary>
    public async Task<IReadOnlyList<WorkflowRunsClosed>> CloseIdleRunsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<string> workflows, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var closing = new List<WorkflowRunsClosed>();
        await using (var command = new NpgsqlCommand($"""
            SELECT w.workflow, count(*) FROM {Schema}.{WatchTables.Watch} w
            JOIN {Schema}.{WatchTables.Runs} r ON r.workflow = w.workflow AND r.last_at < @before
                AND (w.runs_closed_before IS NULL OR r.last_at >= w.runs_closed_before)
            WHERE w.workflow = ANY(@workflow)
            GROUP BY w.workflow ORDER BY w.workflow COLLATE "C"
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("workflow", workflows.ToArray());
            command.Parameters.AddWithValue("before", before.UtcDateTime);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) closing.Add(new WorkflowRunsClosed(reader.GetString(0), reader.GetInt64(1)));
        }
        // Only the workflows with runs to close: what a replay of the event moves.
        await CloseRunsBeforeAsync(connection, transaction, closing.Select(c => c.Workflow).ToList(), before, cancellationToken);
        return closing;
    }

    /// <summary>
    /// Moves these workflows' <c>runs_closed_before</c> up to <paramref name="before"/> (never back): a replay of
    /// <see cref="IdleRunsClosed"/>, which closed exactly the runs this closes at that point of the events.
    /// </summary>
    public async Task CloseRunsBeforeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<string> workflows,
        DateTimeOffset before, CancellationToken cancellationToken)
    {
        if (workflows.Count == 0) return;
        await using var command = new NpgsqlCommand($"""
            UPDATE {Schema}.{WatchTables.Watch} SET runs_closed_before = @before
            WHERE workflow = ANY(@workflow) AND (runs_closed_before IS NULL OR runs_closed_before < @before)
            """, connection, transaction);
        command.Parameters.AddWithValue("workflow", workflows.ToArray());
        command.Parameters.AddWithValue("before", before.UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Adds the batch to its runs and returns each run as it now stands (closed or not by its workflow's
    /// <paramref name="states"/>), and whether the batch started it.
    /// </summary>
    public async Task<IReadOnlyList<(RunState Run, DateTimeOffset FirstAt, bool Started)>> AddToRunsAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, IReadOnlyList<RunDelta> runs, IReadOnlyDictionary<string, WatchState> states, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Schema}.{WatchTables.Runs} AS r (workflow, team, run_key, calls, input_tokens, output_tokens, unpriced_calls, effective_cost_usd, first_at, last_at)
            SELECT * FROM unnest(@workflow, @team, @run_key, @calls, @input_tokens, @output_tokens, @unpriced_calls, @cost, @first_at, @last_at)
                AS u(workflow, team, run_key, calls, input_tokens, output_tokens, unpriced_calls, cost, first_at, last_at)
            ORDER BY u.workflow COLLATE "C", u.team COLLATE "C", u.run_key COLLATE "C"
            ON CONFLICT (workflow, team, run_key) DO UPDATE SET
                calls = r.calls + excluded.calls, input_tokens = r.input_tokens + excluded.input_tokens,
                output_tokens = r.output_tokens + excluded.output_tokens, unpriced_calls = r.unpriced_calls + excluded.unpriced_calls,
                effective_cost_usd = r.effective_cost_usd + excluded.effective_cost_usd,
                first_at = LEAST(r.first_at, excluded.first_at), last_at = GREATEST(r.last_at, excluded.last_at)
            RETURNING r.workflow, r.team, r.run_key, r.calls, r.input_tokens, r.output_tokens, r.effective_cost_usd, r.first_at, r.last_at,
                r.token_spike, (r.xmax = 0) AS started
            """, connection, transaction);
        var p = command.Parameters;
        p.AddWithValue("workflow", runs.Select(r => r.Workflow).ToArray());
        p.AddWithValue("team", runs.Select(r => r.Team).ToArray());
        p.AddWithValue("run_key", runs.Select(r => r.RunKey).ToArray());
        p.AddWithValue("calls", runs.Select(r => r.Calls).ToArray());
        p.AddWithValue("input_tokens", runs.Select(r => r.InputTokens).ToArray());
        p.AddWithValue("output_tokens", runs.Select(r => r.OutputTokens).ToArray());
        p.AddWithValue("unpriced_calls", runs.Select(r => r.UnpricedCalls).ToArray());
        p.AddWithValue("cost", runs.Select(r => r.EffectiveCostUsd).ToArray());
        p.AddWithValue("first_at", runs.Select(r => r.FirstAt.UtcDateTime).ToArray());
        p.AddWithValue("last_at", runs.Select(r => r.LastAt.UtcDateTime).ToArray());
        var result = new List<(RunState, DateTimeOffset, bool)>(runs.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var workflow = reader.GetString(0);
            var lastAt = reader.GetFieldValue<DateTimeOffset>(8);
            var run = new RunState(workflow, reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetDecimal(6), lastAt, states[workflow].IsClosed(lastAt), reader.GetBoolean(9));
            result.Add((run, reader.GetFieldValue<DateTimeOffset>(7), reader.GetBoolean(10)));
        }
        return result;
    }

    /// <summary>Marks runs as having alerted for a token spike (once per run).</summary>
    public async Task MarkTokenSpikesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RunState> runs,
        CancellationToken cancellationToken)
    {
        if (runs.Count == 0) return;
        await using var command = new NpgsqlCommand($"""
            UPDATE {Schema}.{WatchTables.Runs} AS r SET token_spike = true
            FROM unnest(@workflow, @team, @run_key) AS u(workflow, team, run_key)
            WHERE r.workflow = u.workflow AND r.team = u.team AND r.run_key = u.run_key
            """, connection, transaction);
        command.Parameters.AddWithValue("workflow", runs.Select(r => r.Workflow).ToArray());
        command.Parameters.AddWithValue("team", runs.Select(r => r.Team).ToArray());
        command.Parameters.AddWithValue("run_key", runs.Select(r => r.RunKey).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AddToHourlyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<HourlyDelta> rows,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Schema}.{WatchTables.Hourly} AS h (workflow, hour, team, calls, runs, input_tokens, output_tokens, effective_cost_usd)
            SELECT * FROM unnest(@workflow, @hour, @team, @calls, @runs, @input_tokens, @output_tokens, @cost)
                AS u(workflow, hour, team, calls, runs, input_tokens, output_tokens, cost)
            ORDER BY u.workflow COLLATE "C", u.hour, u.team COLLATE "C"
            ON CONFLICT (workflow, hour, team) DO UPDATE SET
                calls = h.calls + excluded.calls, runs = h.runs + excluded.runs, input_tokens = h.input_tokens + excluded.input_tokens,
                output_tokens = h.output_tokens + excluded.output_tokens, effective_cost_usd = h.effective_cost_usd + excluded.effective_cost_usd
            """, connection, transaction);
        var p = command.Parameters;
        p.AddWithValue("workflow", rows.Select(r => r.Workflow).ToArray());
        p.AddWithValue("hour", rows.Select(r => r.Hour.UtcDateTime).ToArray());
        p.AddWithValue("team", rows.Select(r => r.Team).ToArray());
        p.AddWithValue("calls", rows.Select(r => r.Calls).ToArray());
        p.AddWithValue("runs", rows.Select(r => r.Runs).ToArray());
        p.AddWithValue("input_tokens", rows.Select(r => r.InputTokens).ToArray());
        p.AddWithValue("output_tokens", rows.Select(r => r.OutputTokens).ToArray());
        p.AddWithValue("cost", rows.Select(r => r.EffectiveCostUsd).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Adds to the monthly rows and returns them as they now stand: (calls, effective cost) per workflow × month.</summary>
    public async Task<IReadOnlyDictionary<(string Workflow, string Month), (long Calls, decimal CostUsd)>> AddToMonthlyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<MonthlyDelta> rows, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Schema}.{WatchTables.Monthly} AS m (workflow, month, calls, effective_cost_usd)
            SELECT * FROM unnest(@workflow, @month, @calls, @cost) AS u(workflow, month, calls, cost)
            ORDER BY u.workflow COLLATE "C", u.month COLLATE "C"
            ON CONFLICT (workflow, month) DO UPDATE SET calls = m.calls + excluded.calls, effective_cost_usd = m.effective_cost_usd + excluded.effective_cost_usd
            RETURNING m.workflow, m.month, m.calls, m.effective_cost_usd
            """, connection, transaction);
        var p = command.Parameters;
        p.AddWithValue("workflow", rows.Select(r => r.Workflow).ToArray());
        p.AddWithValue("month", rows.Select(r => r.Month).ToArray());
        p.AddWithValue("calls", rows.Select(r => r.Calls).ToArray());
        p.AddWithValue("cost", rows.Select(r => r.EffectiveCostUsd).ToArray());
        var totals = new Dictionary<(string, string), (long, decimal)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) totals[(reader.GetString(0), reader.GetString(1))] = (reader.GetInt64(2), reader.GetDecimal(3));
        return totals;
    }

    /// <summary>Each workflow × hour as it stands (all teams) and the sums of the baseline windows before it.</summary>
    public async Task<IReadOnlyList<HourStats>> ReadHoursAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<(string Workflow, DateTimeOffset Hour, DateTimeOffset LatestCallAt)> hours, int volumeBaselineHours,
        int outputBaselineHours, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT u.workflow, u.hour, u.latest, c.calls, c.runs, c.output_tokens, v.calls, o.calls, o.output_tokens
            FROM unnest(@workflow, @hour, @latest) WITH ORDINALITY AS u(workflow, hour, latest, n)
            CROSS JOIN LATERAL (SELECT coalesce(sum(h.calls), 0)::bigint AS calls, coalesce(sum(h.runs), 0)::bigint AS runs,
                    coalesce(sum(h.output_tokens), 0)::bigint AS output_tokens
                FROM {Schema}.{WatchTables.Hourly} h WHERE h.workflow = u.workflow AND h.hour = u.hour) c
            CROSS JOIN LATERAL (SELECT coalesce(sum(h.calls), 0)::bigint AS calls
                FROM {Schema}.{WatchTables.Hourly} h WHERE h.workflow = u.workflow AND h.hour >= u.hour - @volume_window AND h.hour < u.hour) v
            CROSS JOIN LATERAL (SELECT coalesce(sum(h.calls), 0)::bigint AS calls, coalesce(sum(h.output_tokens), 0)::bigint AS output_tokens
                FROM {Schema}.{WatchTables.Hourly} h WHERE h.workflow = u.workflow AND h.hour >= u.hour - @output_window AND h.hour < u.hour) o
            ORDER BY u.n
            """, connection, transaction);
        var p = command.Parameters;
        p.AddWithValue("workflow", hours.Select(h => h.Workflow).ToArray());
        p.AddWithValue("hour", hours.Select(h => h.Hour.UtcDateTime).ToArray());
        p.AddWithValue("latest", hours.Select(h => h.LatestCallAt.UtcDateTime).ToArray());
        p.AddWithValue("volume_window", TimeSpan.FromHours(volumeBaselineHours));
        p.AddWithValue("output_window", TimeSpan.FromHours(outputBaselineHours));
        var stats = new List<HourStats>(hours.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stats.Add(new HourStats(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8)));
        }
        return stats;
    }

    /// <summary>
    /// The median tokens of each workflow's last <paramref name="runs"/> closed runs (latest first by last call): runs
    /// whose last call is before the workflow's <see cref="WatchState.RunsClosedBefore"/> in <paramref name="states"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, LearnedBaseline>> LearnedBaselinesAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, IReadOnlyCollection<WatchState> states, int runs, CancellationToken cancellationToken)
    {
        var baselines = new Dictionary<string, LearnedBaseline>(StringComparer.Ordinal);
        if (states.Count == 0) return baselines;
        await using var command = new NpgsqlCommand($"""
            SELECT u.workflow, count(r.tokens)::int, coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY r.tokens), 0)
            FROM unnest(@workflow, @closed_before) AS u(workflow, closed_before)
            LEFT JOIN LATERAL (SELECT x.input_tokens + x.output_tokens AS tokens FROM {Schema}.{WatchTables.Runs} x
                WHERE x.workflow = u.workflow AND x.last_at < u.closed_before
                ORDER BY x.last_at DESC, x.team COLLATE "C", x.run_key COLLATE "C" LIMIT @runs) r ON true
            GROUP BY u.workflow
            """, connection, transaction);
        command.Parameters.AddWithValue("workflow", states.Select(s => s.Workflow).ToArray());
        command.Parameters.Add(TimesOrNull("closed_before", states.Select(s => s.RunsClosedBefore)));
        command.Parameters.AddWithValue("runs", runs);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            baselines[reader.GetString(0)] = new LearnedBaseline(reader.GetInt32(1), Math.Round((decimal)reader.GetDouble(2), 1));
        return baselines;
    }

    private static NpgsqlParameter TimesOrNull(string name, IEnumerable<DateTimeOffset?> times) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = times.Select(t => t is { } time ? (object)time.UtcDateTime : DBNull.Value).ToArray() };

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
