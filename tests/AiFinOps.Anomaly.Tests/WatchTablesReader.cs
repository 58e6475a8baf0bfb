using AiFinOps.Anomaly.Watching;
using Npgsql;

namespace AiFinOps.Anomaly.Tests;

/// <summary>Reads the watch tables of a test class's schema as plain rows, for exact comparisons.</summary>
public static class WatchTablesReader
{
    public sealed record RunRow(string Workflow, string Team, string RunKey, long Calls, long InputTokens, long OutputTokens,
        decimal EffectiveCostUsd, DateTimeOffset FirstAt, DateTimeOffset LastAt, bool Closed, bool TokenSpike);

    public sealed record HourRow(string Workflow, DateTimeOffset Hour, string Team, long Calls, long Runs, long InputTokens, long OutputTokens,
        decimal EffectiveCostUsd);

    public static Task<IReadOnlyList<RunRow>> RunsAsync(string schema, string? workflow = null) => ReadAsync(
        $"""
        SELECT r.workflow, r.team, r.run_key, r.calls, r.input_tokens, r.output_tokens, r.effective_cost_usd, r.first_at, r.last_at,
            {WatchTables.RunsClosed("r", "w")}, r.token_spike
        FROM {schema}.{WatchTables.Runs} r LEFT JOIN {schema}.{WatchTables.Watch} w ON w.workflow = r.workflow
        WHERE (@workflow::text IS NULL OR r.workflow = @workflow)
        ORDER BY r.workflow COLLATE "C", r.team COLLATE "C", r.run_key COLLATE "C"
        """, workflow,
        r => new RunRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetDecimal(6),
            r.GetFieldValue<DateTimeOffset>(7), r.GetFieldValue<DateTimeOffset>(8), r.GetBoolean(9), r.GetBoolean(10)));

    public static Task<IReadOnlyList<HourRow>> HoursAsync(string schema, string? workflow = null) => ReadAsync(
        $"""
        SELECT workflow, hour, team, calls, runs, input_tokens, output_tokens, effective_cost_usd
        FROM {schema}.{WatchTables.Hourly} WHERE (@workflow::text IS NULL OR workflow = @workflow)
        ORDER BY workflow COLLATE "C", hour, team COLLATE "C"
        """, workflow,
        r => new HourRow(r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5),
            r.GetInt64(6), r.GetDecimal(7)));

    /// <summary>Every row of a watch table, each as its values joined, in the order of all columns: for comparing whole tables.</summary>
    public static async Task<IReadOnlyList<string>> DumpAsync(string schema, string table)
    {
        await using var connection = new NpgsqlConnection(TestServers.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT t::text FROM {schema}.{table} t ORDER BY t::text COLLATE \"C\"", connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    public static async Task<long> CountAsync(string schema, string sql)
    {
        await using var connection = new NpgsqlConnection(TestServers.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", schema), connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, string? workflow, Func<NpgsqlDataReader, T> map)
    {
        await using var connection = new NpgsqlConnection(TestServers.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("workflow", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)workflow ?? DBNull.Value });
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(map(reader));
        return rows;
    }
}
