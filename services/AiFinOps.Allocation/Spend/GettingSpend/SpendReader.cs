using Npgsql;

namespace AiFinOps.Allocation.Spend.GettingSpend;

/// <summary>Aggregates the ledger in PostgreSQL: one grouped query, exact numeric sums.</summary>
public sealed class SpendReader(NpgsqlDataSource database)
{
    public async Task<SpendReport> ReadAsync(SpendQuery query, IReadOnlyList<string> onlyTeams, CancellationToken cancellationToken)
    {
        var groups = query.GroupBy.Select(d => $"coalesce(data ->> '{SpendQuery.Dimensions[d]}', '')").ToList();
        var teamFilter = onlyTeams.Count > 0 ? "AND data ->> 'team' = ANY(@teams)" : "";
        await using var command = database.CreateCommand($"""
            SELECT {string.Join(", ", groups)},
                   coalesce(sum((data ->> 'listCostUsd')::numeric), 0),
                   coalesce(sum((data ->> 'effectiveCostUsd')::numeric), 0),
                   coalesce(sum(coalesce((data ->> 'billedCostUsd')::numeric, (data ->> 'effectiveCostUsd')::numeric)), 0),
                   count(*),
                   count(*) FILTER (WHERE NOT (data ->> 'priced')::boolean),
                   sum((data ->> 'inputTokens')::bigint)::bigint,
                   sum((data ->> 'outputTokens')::bigint)::bigint,
                   sum((data ->> 'cacheReadTokens')::bigint)::bigint,
                   sum((data ->> 'cacheWriteTokens')::bigint)::bigint,
                   sum((data ->> 'reasoningTokens')::bigint)::bigint
            FROM {AllocationModule.Schema}.mt_doc_ledgerentry
            WHERE occurred_at >= @from AND occurred_at < @to {teamFilter}
            GROUP BY {string.Join(", ", groups)}
            ORDER BY {query.GroupBy.Count + 1} DESC, {string.Join(", ", Enumerable.Range(1, query.GroupBy.Count))}
            """);
        command.Parameters.AddWithValue("from", query.From.UtcDateTime);
        command.Parameters.AddWithValue("to", query.To.UtcDateTime);
        if (onlyTeams.Count > 0) command.Parameters.AddWithValue("teams", onlyTeams.ToArray());

        var rows = new List<IReadOnlyDictionary<string, object?>>();
        var totals = SpendLine.Zero;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var n = query.GroupBy.Count;
            var line = new SpendLine(reader.GetDecimal(n), reader.GetDecimal(n + 1), reader.GetDecimal(n + 2),
                reader.GetInt64(n + 3), reader.GetInt64(n + 4), reader.GetInt64(n + 5), reader.GetInt64(n + 6),
                reader.GetInt64(n + 7), reader.GetInt64(n + 8), reader.GetInt64(n + 9));
            totals = totals.Add(line);

            var row = new Dictionary<string, object?>();
            for (var i = 0; i < n; i++) row[query.GroupBy[i]] = reader.GetString(i);
            row["listCostUsd"] = line.ListCostUsd;
            row["effectiveCostUsd"] = line.EffectiveCostUsd;
            row["billedCostUsd"] = line.BilledCostUsd;
            row["events"] = line.Events;
            row["unpricedEvents"] = line.UnpricedEvents;
            row["inputTokens"] = line.InputTokens;
            row["outputTokens"] = line.OutputTokens;
            row["cacheReadTokens"] = line.CacheReadTokens;
            row["cacheWriteTokens"] = line.CacheWriteTokens;
            row["reasoningTokens"] = line.ReasoningTokens;
            rows.Add(row);
        }
        return new SpendReport(query.From, query.To, query.GroupBy, rows, totals);
    }
}
