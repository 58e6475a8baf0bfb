using Npgsql;
using NpgsqlTypes;

namespace AiFinOps.Notifications.Deliveries.GettingDeliveries;

/// <summary>Which deliveries a read wants: a status, an alert, a subscription, the teams a key may see; newest first, at most <see cref="Limit"/>.</summary>
public sealed record DeliveryQuery(string? Status, Guid? AlertId, string? SubscriptionId, IReadOnlyList<string> Teams, int Limit);

/// <summary>The reads of the delivery log.</summary>
public static class DeliveryLog
{
    private const string Columns = """
        id, alert_id, alert_kind, alert ->> 'title', team, target, channel, subscription_id, status, attempts, next_attempt_at,
        created_at, updated_at, delivered_at, last_error, last_http_status
        """;

    public static async Task<IReadOnlyList<Delivery>> ListAsync(NpgsqlDataSource database, string schema, DeliveryQuery query,
        CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM {schema}.{DeliveryTables.Deliveries}
            WHERE (@status::text IS NULL OR status = @status::text)
              AND (@alert_id::uuid IS NULL OR alert_id = @alert_id::uuid)
              AND (@subscription_id::text IS NULL OR subscription_id = @subscription_id::text)
              AND (cardinality(@teams) = 0 OR team = any(@teams))
            ORDER BY created_at DESC, id
            LIMIT @limit
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = (object?)query.Status ?? DBNull.Value });
        p.Add(new NpgsqlParameter("alert_id", NpgsqlDbType.Uuid) { Value = (object?)query.AlertId ?? DBNull.Value });
        p.Add(new NpgsqlParameter("subscription_id", NpgsqlDbType.Text) { Value = (object?)query.SubscriptionId ?? DBNull.Value });
        p.AddWithValue("teams", query.Teams.ToArray());
        p.AddWithValue("limit", query.Limit);
        var deliveries = new List<Delivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) deliveries.Add(Read(reader));
        return deliveries;
    }

    public static async Task<Delivery?> GetAsync(NpgsqlDataSource database, string schema, Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM {schema}.{DeliveryTables.Deliveries} WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>A delivery's attempts, first first.</summary>
    public static async Task<IReadOnlyList<DeliveryAttempt>> AttemptsAsync(NpgsqlDataSource database, string schema, Guid id,
        CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT attempt, attempted_at, outcome, http_status, error, duration_ms FROM {schema}.{DeliveryTables.Attempts}
            WHERE delivery_id = $1 ORDER BY attempt
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        var attempts = new List<DeliveryAttempt>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            attempts.Add(new DeliveryAttempt(reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt64(5)));
        }
        return attempts;
    }

    private static Delivery Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.IsDBNull(3) ? "" : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
        r.GetString(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8), r.GetInt32(9),
        r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), r.GetFieldValue<DateTimeOffset>(11), r.GetFieldValue<DateTimeOffset>(12),
        r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13), r.IsDBNull(14) ? null : r.GetString(14), r.IsDBNull(15) ? null : r.GetInt32(15));
}
