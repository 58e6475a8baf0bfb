using Marten;
using Npgsql;

namespace AiFinOps.Reporting.Usage;

/// <summary>Reads the call profiles of every workflow over whole UTC days [from, to): two grouped queries.</summary>
public sealed class CallProfiles(NpgsqlDataSource database, IDocumentStore store)
{
    public async Task<IReadOnlyList<CallProfile>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var schema = store.Options.DatabaseSchemaName;
        var (first, end) = (DateOnly.FromDateTime(from.UtcDateTime), DateOnly.FromDateTime(to.UtcDateTime));
        await using var command = database.CreateCommand($"""
            WITH repeats AS (
                SELECT workflow, sum(calls)::bigint - count(DISTINCT fingerprint) AS repeated
                FROM {schema}.{CallProfileTables.Repeats} WHERE day >= $1 AND day < $2 GROUP BY workflow
            )
            SELECT d.workflow, sum(calls)::bigint, sum(calls_without_output_limit)::bigint, sum(calls_with_fingerprint)::bigint,
                   coalesce(max(r.repeated), 0)::bigint, {string.Join(", ", CallProfileTables.OutputColumns.Select(c => $"sum({c})::bigint"))}
            FROM {schema}.{CallProfileTables.Daily} d LEFT JOIN repeats r USING (workflow)
            WHERE day >= $1 AND day < $2
            GROUP BY d.workflow ORDER BY d.workflow
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = first });
        command.Parameters.Add(new NpgsqlParameter { Value = end });
        var profiles = new List<CallProfile>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            profiles.Add(new CallProfile(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                Enumerable.Range(5, CallProfileTables.OutputColumns.Count).Select(reader.GetInt64).ToList()));
        }
        return profiles;
    }
}
