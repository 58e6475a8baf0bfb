using AiFinOps.Contracts.Messages;
using AiFinOps.Notifications.Deliveries.Payloads;
using AiFinOps.Notifications.Deliveries.Sending;
using Npgsql;
using NpgsqlTypes;

namespace AiFinOps.Notifications.Deliveries;

/// <summary>The SQL of the delivery log: queueing, claiming, recording attempts, reading, re-queueing.</summary>
public static class DeliveryStore
{
    /// <summary>
    /// Queues one delivery per target and returns the ids of those that are new: a redelivered alert finds its rows by
    /// primary key, a concurrent duplicate waits on the key and then inserts nothing. One statement, so all or none.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> QueueAsync(NpgsqlDataSource database, string schema, AlertRaised alert,
        IReadOnlyList<DeliveryTarget> targets, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (targets.Count == 0) return [];
        await using var command = database.CreateCommand($"""
            INSERT INTO {schema}.{DeliveryTables.Deliveries} AS d (id, alert_id, target, channel, subscription_id, team, alert_kind,
                alert, status, attempts, round_start, next_attempt_at, created_at, updated_at)
            SELECT u.id, @alert_id, u.target, u.channel, u.subscription_id, @team, @kind, @alert::jsonb, '{DeliveryStatus.Pending}',
                0, 0, @now, @now, @now
            FROM unnest(@id, @target, @channel, @subscription_id) AS u(id, target, channel, subscription_id)
            ORDER BY u.id
            ON CONFLICT (id) DO NOTHING
            RETURNING d.id
            """);
        var p = command.Parameters;
        p.AddWithValue("alert_id", alert.AlertId);
        p.Add(new NpgsqlParameter("team", NpgsqlDbType.Text) { Value = (object?)alert.Team ?? DBNull.Value });
        p.AddWithValue("kind", alert.Kind);
        p.AddWithValue("alert", AlertJson.Text(alert));
        p.AddWithValue("now", now.UtcDateTime);
        p.AddWithValue("id", targets.Select(t => t.DeliveryIdFor(alert.AlertId)).ToArray());
        p.AddWithValue("target", targets.Select(t => t.Key).ToArray());
        p.AddWithValue("channel", targets.Select(t => t.Channel).ToArray());
        p.Add(new NpgsqlParameter("subscription_id", NpgsqlDbType.Array | NpgsqlDbType.Text)
        {
            Value = targets.Select(t => (object?)t.SubscriptionId ?? DBNull.Value).ToArray(),
        });
        var queued = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) queued.Add(reader.GetGuid(0));
        return queued;
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due deliveries (or the one <paramref name="only"/>) until
    /// <paramref name="until"/>: <c>SKIP LOCKED</c> lets replicas claim side by side without taking the same row, and a
    /// claim whose worker died runs out, so the row is taken again.
    /// </summary>
    public static async Task<IReadOnlyList<DeliveryWork>> ClaimAsync(NpgsqlDataSource database, string schema, Guid claim,
        DateTimeOffset now, DateTimeOffset until, Guid? only, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            UPDATE {schema}.{DeliveryTables.Deliveries} AS d SET claim = @claim, claimed_until = @until
            WHERE d.id IN (
                SELECT id FROM {schema}.{DeliveryTables.Deliveries}
                WHERE status = '{DeliveryStatus.Pending}' AND next_attempt_at <= @now
                  AND (claimed_until IS NULL OR claimed_until < @now) AND (@only::uuid IS NULL OR id = @only::uuid)
                ORDER BY next_attempt_at
                LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            RETURNING d.id, d.target, d.subscription_id, d.alert::text, d.attempts, d.round_start
            """);
        command.Parameters.AddWithValue("claim", claim);
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        command.Parameters.AddWithValue("until", until.UtcDateTime);
        command.Parameters.Add(new NpgsqlParameter("only", NpgsqlDbType.Uuid) { Value = (object?)only ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", limit);
        var work = new List<DeliveryWork>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            work.Add(new DeliveryWork(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                AlertJson.Read(reader.GetString(3)), reader.GetInt32(4), reader.GetInt32(5), claim));
        }
        return work;
    }

    /// <summary>
    /// Records an attempt and the delivery's new state in one transaction, if the claim is still this worker's (a
    /// worker that outlived its lease records nothing over its successor). False when it was not.
    /// </summary>
    public static async Task<bool> RecordAsync(NpgsqlDataSource database, string schema, DeliveryWork work, AttemptResult result,
        DateTimeOffset attemptedAt, DeliveryState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var attempt = work.Attempts + 1;
        await using (var update = new NpgsqlCommand($"""
            UPDATE {schema}.{DeliveryTables.Deliveries}
            SET status = @status, attempts = @attempt, next_attempt_at = @next, updated_at = @now,
                delivered_at = CASE WHEN @status = '{DeliveryStatus.Delivered}' THEN @now ELSE delivered_at END,
                last_error = @error, last_http_status = @http_status, claim = NULL, claimed_until = NULL
            WHERE id = @id AND claim = @claim
            """, connection, transaction))
        {
            var p = update.Parameters;
            p.AddWithValue("id", work.Id);
            p.AddWithValue("claim", work.Claim);
            p.AddWithValue("status", state.Status);
            p.AddWithValue("attempt", attempt);
            p.Add(new NpgsqlParameter("next", NpgsqlDbType.TimestampTz) { Value = (object?)state.NextAttemptAt?.UtcDateTime ?? DBNull.Value });
            p.AddWithValue("now", now.UtcDateTime);
            p.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)result.Error ?? DBNull.Value });
            p.Add(new NpgsqlParameter("http_status", NpgsqlDbType.Integer) { Value = (object?)result.HttpStatus ?? DBNull.Value });
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0) return false;
        }
        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO {schema}.{DeliveryTables.Attempts} (delivery_id, attempt, attempted_at, outcome, http_status, error, duration_ms)
            VALUES (@id, @attempt, @attempted_at, @outcome, @http_status, @error, @duration_ms)
            """, connection, transaction))
        {
            var p = insert.Parameters;
            p.AddWithValue("id", work.Id);
            p.AddWithValue("attempt", attempt);
            p.AddWithValue("attempted_at", attemptedAt.UtcDateTime);
            p.AddWithValue("outcome", result.Outcome);
            p.Add(new NpgsqlParameter("http_status", NpgsqlDbType.Integer) { Value = (object?)result.HttpStatus ?? DBNull.Value });
            p.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)result.Error ?? DBNull.Value });
            p.AddWithValue("duration_ms", (long)result.Duration.TotalMilliseconds);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>A failed delivery back in the queue, due now, with the whole retry schedule again; false when it is not failed.</summary>
    public static async Task<bool> RequeueAsync(NpgsqlDataSource database, string schema, Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            UPDATE {schema}.{DeliveryTables.Deliveries}
            SET status = '{DeliveryStatus.Pending}', round_start = attempts, next_attempt_at = @now, updated_at = @now
            WHERE id = @id AND status = '{DeliveryStatus.Failed}'
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
