using AiFinOps.Anomaly.Watching;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiFinOps.Anomaly.Tests;

/// <summary>Existing databases keep working: a watch table made by an earlier version is migrated without losing a row.</summary>
public sealed class WatchTablesMigrationTests(AnomalyApp app) : IClassFixture<AnomalyApp>
{
    [Fact]
    public async Task Calls_observed_under_the_former_time_index_stay_and_the_index_becomes_a_block_range_index()
    {
        await MigrateFromAsync($"""
            DROP INDEX {app.Schema}.ix_{WatchTables.Calls}_occurred_at;
            CREATE INDEX ix_{WatchTables.Calls}_occurred_at ON {app.Schema}.{WatchTables.Calls} (occurred_at);
            INSERT INTO {app.Schema}.{WatchTables.Calls} (event_id, occurred_at, team, workflow, run_key, input_tokens, output_tokens, effective_cost_usd)
            VALUES ('before-1', '2026-11-05T09:00:00Z', 'search', 'triage', 'run-1', 1000, 200, 0.25);
            """);

        Assert.Equal(1, await WatchTablesReader.CountAsync(app.Schema, $"SELECT count(*) FROM {{schema}}.{WatchTables.Calls} WHERE event_id = 'before-1'"));
        Assert.Equal(1, await WatchTablesReader.CountAsync(app.Schema, $"""
            SELECT count(*) FROM pg_class i JOIN pg_am am ON am.oid = i.relam JOIN pg_namespace n ON n.oid = i.relnamespace
            WHERE n.nspname = '{app.Schema}' AND i.relname = 'ix_{WatchTables.Calls}_occurred_at' AND am.amname = 'brin'
            """));
    }

    [Fact]
    public async Task Runs_of_a_version_that_stored_whether_they_were_closed_stay_and_the_closed_and_open_indexes_go()
    {
        await MigrateFromAsync($"""
            DROP INDEX {app.Schema}.ix_{WatchTables.Runs}_workflow_last_at;
            ALTER TABLE {app.Schema}.{WatchTables.Runs} ADD COLUMN closed boolean NOT NULL DEFAULT false, ADD COLUMN closed_at timestamptz;
            CREATE INDEX ix_{WatchTables.Runs}_open ON {app.Schema}.{WatchTables.Runs} (workflow, last_at) WHERE (NOT closed);
            CREATE INDEX ix_{WatchTables.Runs}_closed ON {app.Schema}.{WatchTables.Runs} (workflow, last_at) WHERE (closed);
            INSERT INTO {app.Schema}.{WatchTables.Runs} (workflow, team, run_key, calls, first_at, last_at, closed, closed_at)
            VALUES ('migrated', 'search', 'run-1', 3, '2026-11-05T09:00:00Z', '2026-11-05T09:02:00Z', true, '2026-11-05T09:07:00Z');
            """);

        Assert.Equal(1, await WatchTablesReader.CountAsync(app.Schema,
            $"SELECT count(*) FROM {{schema}}.{WatchTables.Runs} WHERE workflow = 'migrated' AND calls = 3"));
        Assert.Equal(0, await WatchTablesReader.CountAsync(app.Schema, $"""
            SELECT count(*) FROM information_schema.columns
            WHERE table_schema = '{app.Schema}' AND table_name = '{WatchTables.Runs}' AND column_name IN ('closed', 'closed_at')
            """));
        Assert.Equal([$"ix_{WatchTables.Runs}_last_at", $"ix_{WatchTables.Runs}_workflow_last_at", $"pkey_{WatchTables.Runs}_workflow_team_run_key"],
            await IndexesAsync(WatchTables.Runs));
    }

    private async Task<IReadOnlyList<string>> IndexesAsync(string table)
    {
        await using var connection = new NpgsqlConnection(TestServers.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT indexname FROM pg_indexes WHERE schemaname = @schema AND tablename = @table ORDER BY indexname COLLATE \"C\"", connection);
        command.Parameters.AddWithValue("schema", app.Schema);
        command.Parameters.AddWithValue("table", table);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>Brings the tables up to date, turns them into an earlier version's with <paramref name="sql"/>, migrates again.</summary>
    private async Task MigrateFromAsync(string sql)
    {
        var store = app.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await ExecuteAsync(sql);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestServers.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
