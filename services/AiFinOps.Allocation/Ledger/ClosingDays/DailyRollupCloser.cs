using Npgsql;

namespace AiFinOps.Allocation.Ledger.ClosingDays;

/// <summary>
/// Closes UTC days in the daily rollups: sums each open day's hourly rows into <c>spend_daily</c> and
/// <c>spend_statement_daily</c> once, in its own short transaction holding the ledger alone (no booking is half-way,
/// none books until it commits), and moves <c>closed_through</c> to the next day. The first close of a ledger whose
/// daily rollups held every day (booked before days were closed) drops their rows of the days still open instead: the
/// hourly rollup holds them too.
/// </summary>
public sealed class DailyRollupCloser(NpgsqlDataSource database)
{
    private static readonly string Schema = AllocationModule.Schema;

    /// <summary>Closes every open day before <paramref name="openFrom"/> (a UTC midnight); returns how many days with usage it closed.</summary>
    public async Task<int> CloseBeforeAsync(DateTimeOffset openFrom, CancellationToken cancellationToken)
    {
        if (openFrom != ClosingTime.Day(openFrom)) throw new ArgumentException("not a UTC midnight", nameof(openFrom));
        var closed = 0;
        while (await CloseNextAsync(openFrom, cancellationToken)) closed++;
        return closed;
    }

    /// <summary>
    /// Closes the first open day with usage if it is before <paramref name="openFrom"/> (days without usage are closed
    /// with it, nothing to sum); false when there was none to close.
    /// </summary>
    private async Task<bool> CloseNextAsync(DateTimeOffset openFrom, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LedgerLock.TakeAloneAsync(connection, transaction, cancellationToken);

        var closedThrough = await ClosedThroughAsync(connection, transaction, cancellationToken);
        DateTimeOffset? day = null;
        if (closedThrough is null)
        {
            await ExecuteAsync(connection, transaction, $"""
                DELETE FROM {Schema}.{LedgerTables.Daily} WHERE bucket >= @day;
                DELETE FROM {Schema}.{LedgerTables.Statement} WHERE bucket >= @day;
                INSERT INTO {Schema}.{LedgerTables.DaysClosed} (id, closed_through) VALUES (1, @day);
                """, openFrom, cancellationToken);
        }
        else if (closedThrough < openFrom)
        {
            day = await FirstDayWithUsageAsync(connection, transaction, closedThrough.Value, openFrom, cancellationToken);
            await ExecuteAsync(connection, transaction, day is null
                ? $"UPDATE {Schema}.{LedgerTables.DaysClosed} SET closed_through = @day WHERE id = 1"
                : $"""
                    {SumHourlyInto(LedgerTables.Daily, LedgerTables.RollupKey, LedgerTables.RollupSums)}
                    {SumHourlyInto(LedgerTables.Statement, LedgerTables.StatementKey, LedgerTables.StatementSums)}
                    UPDATE {Schema}.{LedgerTables.DaysClosed} SET closed_through = @day + interval '1 day' WHERE id = 1;
                    """, day ?? openFrom, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return day is not null;
    }

    /// <summary>
    /// SQL: the hourly rows of the day <c>@day</c> summed into a daily rollup at its grain. A plain insert: a daily
    /// rollup holds no row of an open day, so a conflict is a broken ledger, never a sum counted twice.
    /// </summary>
    private static string SumHourlyInto(string table, IReadOnlyList<string> keys, IReadOnlyList<string> sums)
    {
        var key = string.Join(", ", keys);
        return $"""
            INSERT INTO {Schema}.{table} (bucket, {key}, {string.Join(", ", sums)})
            SELECT @day, {key}, {LedgerTables.Summed(sums)}
            FROM {Schema}.{LedgerTables.Hourly}
            WHERE bucket >= @day AND bucket < @day + interval '1 day'
            GROUP BY {key}
            ORDER BY {key};
            """;
    }

    /// <summary>The UTC day of the first hourly row in [<paramref name="from"/>, <paramref name="before"/>), if any.</summary>
    private static async Task<DateTimeOffset?> FirstDayWithUsageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT date_trunc('day', min(bucket), 'UTC') FROM {Schema}.{LedgerTables.Hourly} WHERE bucket >= @from AND bucket < @before",
            connection, transaction);
        command.Parameters.AddWithValue("from", from.UtcDateTime);
        command.Parameters.AddWithValue("before", before.UtcDateTime);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime day ? new DateTimeOffset(day, TimeSpan.Zero) : null;
    }

    /// <summary>The first open UTC day: the daily rollups hold the days before it; null before the first close (they hold every day).</summary>
    public static async Task<DateTimeOffset?> ClosedThroughAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT closed_through FROM {Schema}.{LedgerTables.DaysClosed} WHERE id = 1", connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, DateTimeOffset day,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("day", day.UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
