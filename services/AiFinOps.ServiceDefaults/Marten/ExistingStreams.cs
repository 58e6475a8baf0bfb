using Marten;

namespace AiFinOps.ServiceDefaults.Marten;

/// <summary>The existence check of exactly-once consumers (docs/CONVENTIONS.md): which of a batch's streams are recorded.</summary>
public static class ExistingStreams
{
    /// <summary>Which of these stream keys already exist, in one query however large the batch.</summary>
    public static async Task<IReadOnlySet<string>> ExistingStreamsAsync(this IQuerySession session, string[] keys, CancellationToken cancellationToken)
    {
        if (keys.Length == 0) return new HashSet<string>();
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        var found = await session.AdvancedSql.QueryAsync<string>(
            $"select id from {schema}.mt_streams where id = any(?)", cancellationToken, [keys]);
        return found.ToHashSet(StringComparer.Ordinal);
    }
}
