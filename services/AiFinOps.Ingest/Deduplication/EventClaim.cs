using Npgsql;

namespace AiFinOps.Ingest.Deduplication;

/// <summary>The ids of a batch that ingest has never seen, held until <see cref="CommitAsync"/>; disposed uncommitted, they are released.</summary>
public sealed class EventClaim(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlySet<string> fresh) : IAsyncDisposable
{
    public bool IsNew(string eventId) => fresh.Contains(eventId);

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
