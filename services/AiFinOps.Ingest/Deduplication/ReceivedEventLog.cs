using AiFinOps.ServiceDefaults.Database;
using Npgsql;

namespace AiFinOps.Ingest.Deduplication;

/// <summary>
/// Remembers every event id ingest has accepted, forever, so a client retry is answered "duplicate" instead of being
/// published twice. A claim holds its rows in an open transaction until the batch is on the bus: if publishing
/// fails the claim rolls back and the retry is accepted; a concurrent call for the same ids — on this replica or
/// another — waits on the row locks. Ids are claimed in key order, so two calls that share ids in different orders
/// wait for each other instead of deadlocking.
/// </summary>
public sealed class ReceivedEventLog(NpgsqlDataSource database)
{
    public const string Schema = "ingest";

    /// <summary>Ingest's own advisory lock (4_207_001_NNN): replicas starting together create the table one at a time.</summary>
    private const long CreateLockKey = 4_207_001_001;

    /// <summary>
    /// Creates the table when missing. Under a lock: two <c>CREATE … IF NOT EXISTS</c> at once can both miss the other's
    /// uncommitted table and one fails on the catalogue's unique key — what replicas starting together would do.
    /// </summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT pg_advisory_xact_lock({CreateLockKey});
            CREATE SCHEMA IF NOT EXISTS {Schema};
            CREATE TABLE IF NOT EXISTS {Schema}.received_events (
                kind        text        NOT NULL,
                event_id    text        NOT NULL,
                received_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (kind, event_id));
            """, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<EventClaim> ClaimAsync(string kind, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Nearly every id is new: copied in, and only when one is already claimed inserted skipping those (OptimisticInsert).
            var fresh = await OptimisticInsert.RunAsync(transaction, CopyIdsAsync, ClaimUnclaimedIdsAsync, cancellationToken);
            return new EventClaim(connection, transaction, fresh);

            async Task<HashSet<string>> CopyIdsAsync()
            {
                var ids = eventIds.Order(StringComparer.Ordinal).ToList();
                await using var copy = await BinaryCopy.BeginAsync(connection,
                    $"COPY {Schema}.received_events (kind, event_id) FROM STDIN (FORMAT BINARY)", cancellationToken);
                foreach (var id in ids)
                {
                    copy.StartRow(2);
                    copy.Text(kind);
                    copy.Text(id);
                    await copy.EndRowAsync(cancellationToken);
                }
                await copy.CompleteAsync(cancellationToken);
                return ids.ToHashSet(StringComparer.Ordinal);
            }

            async Task<HashSet<string>> ClaimUnclaimedIdsAsync()
            {
                await using var command = new NpgsqlCommand($"""
                    INSERT INTO {Schema}.received_events (kind, event_id)
                    SELECT @kind, id FROM unnest(@ids) AS id
                    ORDER BY id
                    ON CONFLICT DO NOTHING
                    RETURNING event_id
                    """, connection, transaction);
                command.Parameters.AddWithValue("kind", kind);
                command.Parameters.AddWithValue("ids", eventIds.ToArray());

                var claimed = new HashSet<string>(StringComparer.Ordinal);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) claimed.Add(reader.GetString(0));
                return claimed;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
