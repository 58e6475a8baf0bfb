using AiFinOps.IntegrationTests.Infrastructure;
using AiFinOps.ServiceDefaults.Database;
using Npgsql;
using NpgsqlTypes;

namespace AiFinOps.IntegrationTests.Database;

/// <summary>
/// <see cref="BinaryCopy"/> on a real PostgreSQL: every value it encodes is stored exactly as Npgsql's own importer
/// stores it (compared as PostgreSQL prints them, so a numeric's display scale and a timestamp's microseconds count);
/// a row PostgreSQL refuses fails the completion with its error and leaves the transaction usable from a savepoint;
/// a copy not completed writes nothing.
/// </summary>
public sealed class BinaryCopyTests : IAsyncLifetime
{
    private const string Columns = "(id, label, note, keys, body, amount, flag, at, money)";
    private NpgsqlDataSource database = null!;

    public async Task InitializeAsync()
    {
        database = NpgsqlDataSource.Create(await TestServers.CreateDatabaseAsync($"binary_copy_{Guid.NewGuid():N}"));
        const string shape = "(id bigint PRIMARY KEY, label text NOT NULL, note text, keys text[] NOT NULL, body jsonb NOT NULL, " +
                             "amount bigint NOT NULL, flag boolean NOT NULL, at timestamptz NOT NULL, money numeric NOT NULL)";
        await using var command = database.CreateCommand($"CREATE TABLE by_npgsql {shape}; CREATE TABLE by_us {shape}");
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    private sealed record Row(long Id, string Label, string? Note, string[] Keys, string Body, long Amount, bool Flag, DateTimeOffset At,
        decimal Money);

    [Fact]
    public async Task Every_value_is_stored_as_Npgsqls_importer_stores_it()
    {
        var rows = Values().ToList();

        await CopyWithNpgsqlAsync(rows);
        await using (var connection = await database.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await CopyWithUsAsync(connection, rows);
            await transaction.CommitAsync();
        }

        var expected = await PrintedAsync("by_npgsql");
        var actual = await PrintedAsync("by_us");
        Assert.Equal(rows.Count, expected.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);
    }

    [Fact]
    public async Task A_row_whose_key_exists_fails_the_completion_and_the_transaction_goes_on_from_its_savepoint()
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await CopyWithUsAsync(connection, [Plain(1)]);
        await transaction.SaveAsync("before_copy");

        var refused = await Assert.ThrowsAsync<PostgresException>(() => CopyWithUsAsync(connection, [Plain(2), Plain(1)]));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
        await transaction.RollbackAsync("before_copy");
        await CopyWithUsAsync(connection, [Plain(3)]);
        await transaction.CommitAsync();
        Assert.Equal(["1", "3"], (await PrintedAsync("by_us")).Select(r => r.Split('|')[0]));
    }

    [Fact]
    public async Task A_copy_not_completed_writes_nothing_and_the_connection_stays_usable()
    {
        await using var connection = await database.OpenConnectionAsync();
        await using (var copy = await BinaryCopy.BeginAsync(connection, $"COPY by_us {Columns} FROM STDIN (FORMAT BINARY)", CancellationToken.None))
        {
            foreach (var row in Enumerable.Range(1, 5_000).Select(i => Plain(i))) await WriteAsync(copy, row);
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM by_us", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    /// <summary>Values at the edges of each encoding, plus a spread of decimals of every scale.</summary>
    private static IEnumerable<Row> Values()
    {
        decimal[] money =
        [
            0m, 0.00m, -0.00m, 1m, -1m, 1.50m, -1.5m, 0.0001m, 0.00001m, 0.00000001m, 9999m, 10000m, 10001m, 9999.9999m,
            12345.6789m, 100000000m, 123456789.123456789m, 0.1000m, 1000.0001m, decimal.MaxValue, decimal.MinValue,
            0.0000000000000000000000000001m, 7.9228162514264337593543950335m, 79228162514264337593543950335m / 1000m,
        ];
        var random = new Random(20261201);
        var spread = Enumerable.Range(0, 400).Select(_ =>
            new decimal(random.Next(), random.Next(), random.Next(0, 1000), random.Next(2) == 0, (byte)random.Next(0, 29)));
        DateTimeOffset[] times =
        [
            new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999),
            new DateTimeOffset(2026, 12, 1, 3, 4, 5, TimeSpan.Zero).AddTicks(1_234_567), new(2026, 6, 1, 12, 0, 0, TimeSpan.FromHours(2)),
            new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero), new(9999, 12, 31, 23, 59, 59, TimeSpan.Zero),
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue,
        ];
        string[] labels = ["", "team-a", "Ünïcødé ✓ 日本語 🚀", "quote ' and \" backslash \\", new string('x', 300_000)];
        var id = 0L;
        foreach (var m in money.Concat(spread))
        {
            id++;
            yield return new Row(id, labels[(int)(id % labels.Length)], id % 3 == 0 ? null : $"note {id}",
                (id % 4) switch { 0 => [], 1 => ["openai/gpt-4o"], 2 => ["a", "b", "ü"], _ => ["", "x"] },
                id % 2 == 0 ? "{}" : $$"""{"team": "t{{id}}", "n": [1, 2.5, null], "s": "ü\n"}""",
                (id % 5) switch { 0 => 0, 1 => long.MaxValue, 2 => long.MinValue, 3 => -1, _ => id * 1_000_003 },
                id % 2 == 0, times[(int)(id % times.Length)], m);
        }
    }

    private static Row Plain(long id) =>
        new(id, "label", null, ["k"], "{}", id, true, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), id / 3m);

    private static async Task CopyWithUsAsync(NpgsqlConnection connection, IReadOnlyList<Row> rows)
    {
        await using var copy = await BinaryCopy.BeginAsync(connection, $"COPY by_us {Columns} FROM STDIN (FORMAT BINARY)", CancellationToken.None);
        foreach (var row in rows) await WriteAsync(copy, row);
        await copy.CompleteAsync(CancellationToken.None);
    }

    private static async Task WriteAsync(BinaryCopy copy, Row row)
    {
        copy.StartRow(9);
        copy.Int8(row.Id);
        copy.Text(row.Label);
        copy.TextOrNull(row.Note);
        copy.TextArray(row.Keys);
        copy.Jsonb(row.Body);
        copy.Int8(row.Amount);
        copy.Bool(row.Flag);
        copy.TimestampTz(row.At);
        copy.Numeric(row.Money);
        await copy.EndRowAsync(CancellationToken.None);
    }

    private async Task CopyWithNpgsqlAsync(IReadOnlyList<Row> rows)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync($"COPY by_npgsql {Columns} FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(row.Id, NpgsqlDbType.Bigint);
            await writer.WriteAsync(row.Label, NpgsqlDbType.Text);
            if (row.Note is null) await writer.WriteNullAsync();
            else await writer.WriteAsync(row.Note, NpgsqlDbType.Text);
            await writer.WriteAsync(row.Keys, NpgsqlDbType.Array | NpgsqlDbType.Text);
            await writer.WriteAsync(row.Body, NpgsqlDbType.Jsonb);
            await writer.WriteAsync(row.Amount, NpgsqlDbType.Bigint);
            await writer.WriteAsync(row.Flag, NpgsqlDbType.Boolean);
            await writer.WriteAsync(row.At.UtcDateTime, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(row.Money, NpgsqlDbType.Numeric);
        }
        await writer.CompleteAsync();
    }

    /// <summary>Each row as PostgreSQL prints it, in id order (UTC, so the session's time zone does not matter).</summary>
    private async Task<List<string>> PrintedAsync(string table)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"""
            SET TIME ZONE 'UTC';
            SELECT concat_ws('|', id, label, coalesce(note, '<null>'), keys::text, body::text, amount, flag, at, money::text,
                array_length(keys, 1), pg_column_size(money)) FROM {table} ORDER BY id
            """, connection);
        var printed = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) printed.Add(reader.GetString(0));
        return printed;
    }
}
