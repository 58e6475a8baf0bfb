using AiFinOps.Allocation.Ledger;
using AiFinOps.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiFinOps.IntegrationTests.Allocating;

/// <summary>
/// A ledger made by an earlier version had an event-id index over every line; migrating replaces it with the index over
/// re-pricing lines alone (a usage line is found by its primary key) and loses no line.
/// </summary>
public sealed class LedgerIndexMigrationTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private const string Former = $"ix_{LedgerTables.Lines}_event_id";
    private const string Current = $"ix_{LedgerTables.Lines}_repricing_event_id";

    [Fact]
    public async Task The_former_event_id_index_over_every_line_is_dropped_and_the_repricing_lines_index_created()
    {
        var sent = await GeneratedUsage.SendAsync(system, seed: 23, count: 50);
        await Eventually.Until(() => GeneratedUsage.TotalEventsAsync(system), n => n == sent.Count, "every generated call is booked");
        await ExecuteAsync($"""
            DROP INDEX allocation.{Current};
            CREATE INDEX {Former} ON allocation.{LedgerTables.Lines} (event_id);
            """);

        await system.Allocation.Services.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        Assert.Equal("", await IndexDefinitionAsync(Former));
        var current = await IndexDefinitionAsync(Current);
        Assert.Contains("(event_id) WHERE", current);
        Assert.Contains($"= '{LineKinds.Repricing}'", current);
        Assert.Equal(sent.Count, await GeneratedUsage.TotalEventsAsync(system));
    }

    private async Task<string> IndexDefinitionAsync(string index)
    {
        await using var connection = new NpgsqlConnection(system.DatabaseConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(max(indexdef), '') FROM pg_indexes WHERE schemaname = 'allocation' AND indexname = @index", connection);
        command.Parameters.AddWithValue("index", index);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(system.DatabaseConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
