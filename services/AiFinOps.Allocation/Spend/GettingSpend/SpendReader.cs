using AiFinOps.Allocation.Ledger;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFinOps.Allocation.Spend.GettingSpend;

/// <summary>
/// Answers spend questions from the rollups (see <see cref="SpendSegments"/>): one grouped query, exact numeric sums,
/// never a scan of the usage inside the range.
/// </summary>
public sealed class SpendReader(NpgsqlDataSource database, IOptions<AllocationOptions> options)
{
    private static readonly string Schema = AllocationModule.Schema;
    private static readonly string Read = string.Join(", ", [.. LedgerTables.RollupKey, .. LedgerTables.RollupSums]);

    public async Task<SpendReport> ReadAsync(SpendQuery query, IReadOnlyList<string> onlyTeams, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand();
        var columns = query.GroupBy.Select(Column).ToList();
        if (query.Granularity is not null) columns.Add($"to_char(date_trunc('{query.Granularity}', t AT TIME ZONE 'UTC'), 'YYYY-MM-DD')");

        var conditions = new List<string>();
        var i = 0;
        foreach (var (dimension, values) in query.Filters)
        {
            conditions.Add($"{Column(dimension)} = ANY(@f{i})");
            command.Parameters.AddWithValue($"f{i++}", values.ToArray());
        }
        if (onlyTeams.Count > 0)
        {
            conditions.Add("team = ANY(@teams)");
            command.Parameters.AddWithValue("teams", onlyTeams.ToArray());
        }
        var where = conditions.Count == 0 ? "" : "AND " + string.Join(" AND ", conditions);

        var segments = SpendSegments.Of(query.From, query.To, LedgerTables.Lines, LedgerTables.Hourly, LedgerTables.Daily);
        var union = string.Join("\nUNION ALL\n", segments.Select((s, n) =>
        {
            command.Parameters.AddWithValue($"from{n}", s.From.UtcDateTime);
            command.Parameters.AddWithValue($"to{n}", s.To.UtcDateTime);
            var open = s.OpenDaysOnly ? $"AND bucket >= {LedgerTables.ClosedThrough(Schema)}" : "";
            return $"SELECT {s.TimeColumn} AS t, {Read} FROM {Schema}.{s.Table} WHERE {s.TimeColumn} >= @from{n} AND {s.TimeColumn} < @to{n} {open} {where}";
        }));
        var keys = string.Join(", ", columns);
        var ordinals = string.Join(", ", Enumerable.Range(1, columns.Count));
        command.CommandText = $"""
            SELECT {keys},
                   sum(list_cost_usd), sum(effective_cost_usd), sum(billed_cost_usd), sum(events)::bigint, sum(unpriced_events)::bigint,
                   sum(input_tokens)::bigint, sum(output_tokens)::bigint, sum(cache_read_tokens)::bigint,
                   sum(cache_write_tokens)::bigint, sum(reasoning_tokens)::bigint
            FROM ({union}) AS spend
            GROUP BY {ordinals}
            ORDER BY {(query.Granularity is null ? "" : $"{columns.Count}, ")}{columns.Count + 3} DESC, {ordinals}
            """;

        var rows = new List<IReadOnlyDictionary<string, object?>>();
        var totals = SpendLine.Zero;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var n = columns.Count;
            var line = new SpendLine(reader.GetDecimal(n), reader.GetDecimal(n + 1), reader.GetDecimal(n + 2),
                reader.GetInt64(n + 3), reader.GetInt64(n + 4), reader.GetInt64(n + 5), reader.GetInt64(n + 6),
                reader.GetInt64(n + 7), reader.GetInt64(n + 8), reader.GetInt64(n + 9));
            totals = totals.Add(line);

            var row = new Dictionary<string, object?>();
            for (var d = 0; d < query.GroupBy.Count; d++) row[query.GroupBy[d]] = reader.GetString(d);
            if (query.Granularity is not null) row["period"] = reader.GetString(query.GroupBy.Count);
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
        return new SpendReport(query.From, query.To, query.GroupBy, query.Granularity, rows, totals);
    }

    /// <summary>The SQL for a dimension: a rollup column, or a configured extra tag key read from <c>extra</c>.</summary>
    private string Column(string dimension) =>
        SpendQuery.BuiltIn.TryGetValue(dimension, out var column)
            ? column
            : options.Value.ExtraDimensions.Contains(dimension)
                ? $"coalesce(extra ->> '{dimension.Replace("'", "''")}', '')"
                : throw new ArgumentException($"'{dimension}' is not a dimension", nameof(dimension));
}
