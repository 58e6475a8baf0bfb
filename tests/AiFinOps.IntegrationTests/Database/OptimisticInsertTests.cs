using AiFinOps.IntegrationTests.Infrastructure;
using AiFinOps.ServiceDefaults.Database;
using Npgsql;

namespace AiFinOps.IntegrationTests.Database;

/// <summary>
/// <see cref="OptimisticInsert"/> on a real PostgreSQL: new keys are inserted without the conflict clause; keys already
/// there (committed before, or by a concurrent transaction that commits while the insert waits) send it to the second
/// attempt, which inserts exactly the new keys; and what the transaction wrote before the insert survives the rollback
/// to the savepoint.
/// </summary>
public sealed class OptimisticInsertTests : IAsyncLifetime
{
    private NpgsqlDataSource database = null!;

    public async Task InitializeAsync()
    {
        database = NpgsqlDataSource.Create(await TestServers.CreateDatabaseAsync($"optimistic_{Guid.NewGuid():N}"));
        await using var command = database.CreateCommand("CREATE TABLE seen (id text PRIMARY KEY); CREATE TABLE other (note text)");
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task New_keys_are_inserted_on_the_first_attempt_without_the_conflict_clause()
    {
        var (inserted, clauses) = await InsertAsync(["a", "b", "c"]);

        Assert.Equal(["a", "b", "c"], inserted);
        Assert.Equal([""], clauses);
        Assert.Equal(["a", "b", "c"], await KeysAsync());
    }

    [Fact]
    public async Task Keys_already_there_send_the_insert_to_the_second_attempt_which_inserts_only_the_new_ones()
    {
        await InsertAsync(["b"]);

        var (inserted, clauses) = await InsertAsync(["a", "b", "c"], noteFirst: "written before the insert");

        Assert.Equal(["a", "c"], inserted);
        Assert.Equal(["", "ON CONFLICT (id) DO NOTHING"], clauses);
        Assert.Equal(["a", "b", "c"], await KeysAsync());
        await using var notes = database.CreateCommand("SELECT count(*) FROM other WHERE note = 'written before the insert'");
        Assert.Equal(1L, await notes.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_key_a_concurrent_transaction_holds_is_waited_for_and_skipped_once_that_commits()
    {
        await using var holder = await database.OpenConnectionAsync();
        await using var holding = await holder.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("INSERT INTO seen VALUES ('b')", holder, holding))
            await hold.ExecuteNonQueryAsync();

        var waiting = InsertAsync(["a", "b"]);
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted, "the insert waits for the transaction holding 'b'");
        await holding.CommitAsync();
        var (inserted, clauses) = await waiting;

        Assert.Equal(["a"], inserted);
        Assert.Equal(2, clauses.Count);
        Assert.Equal(["a", "b"], await KeysAsync());
    }

    private async Task<(List<string> Inserted, List<string> Clauses)> InsertAsync(string[] keys, string? noteFirst = null)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (noteFirst is not null)
        {
            await using var note = new NpgsqlCommand("INSERT INTO other VALUES (@note)", connection, transaction);
            note.Parameters.AddWithValue("note", noteFirst);
            await note.ExecuteNonQueryAsync();
        }
        var clauses = new List<string>();
        var inserted = await OptimisticInsert.RunAsync(transaction, () => InsertKeysAsync(""), () => InsertKeysAsync("ON CONFLICT (id) DO NOTHING"),
            CancellationToken.None);
        await transaction.CommitAsync();
        return (inserted.Order(StringComparer.Ordinal).ToList(), clauses);

        async Task<List<string>> InsertKeysAsync(string onConflict)
        {
            clauses.Add(onConflict);
            await using var command = new NpgsqlCommand($"INSERT INTO seen SELECT unnest(@ids) ORDER BY 1 {onConflict} RETURNING id",
                connection, transaction);
            command.Parameters.AddWithValue("ids", keys);
            var rows = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
            return rows;
        }
    }

    private async Task<List<string>> KeysAsync()
    {
        await using var command = database.CreateCommand("SELECT id FROM seen ORDER BY id");
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        return keys;
    }
}
