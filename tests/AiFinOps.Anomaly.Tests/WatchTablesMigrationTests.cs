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
        var store = app.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await ExecuteAsync($"""
            DROP INDEX {app.Schema}.ix_{WatchTables.Calls}_occurred_at;
            CREATE INDEX ix_{WatchTables.Calls}_occurred_at ON {app.Schema}.{WatchTables.Calls} (occurred_at);
            INSERT INTO {app.Schema}.{WatchTables.Calls} (event_id, occurred_at, team, workflow, run_key, input_tokens, output_tokens, effective_cost_usd)
            VALUES ('before-1', '2026-11-05T09:00:00Z', 'search', 'triage', 'run-1', 1000, 200, 0.25);
            """);

        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        Assert.Equal(1, await WatchTablesReader.CountAsync(app.Schema, $"SELECT count(*) FROM {{schema}}.{WatchTables.Calls} WHERE event_id = 'before-1'"));
        Assert.Equal(1, await WatchTablesReader.CountAsync(app.Schema, $"""
            SELECT count(*) FROM pg_class i JOIN pg_am am ON am.oid = i.relam JOIN pg_namespace n ON n.oid = i.relnamespace
            WHERE n.nspname = '{app.Schema}' AND i.relname = 'ix_{WatchTables.Calls}_occurred_at' AND am.amname = 'brin'
            """));
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestServers.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
