using Npgsql;

namespace AiFinOps.Allocation.Ledger;

/// <summary>
/// The allocation service's data source, with a write buffer sized for booking. A booking command carries a few hundred
/// bytes of parameters per ledger line and hundreds of lines; with Npgsql's default 8 KiB buffer each command was
/// flushed to the socket dozens of times, and every flush re-arms the command's timeout timer (a lock shared with every
/// other thread setting timers) and makes a send system call — measured as a large part of the consumer's CPU.
/// </summary>
public static class BookingDatabase
{
    /// <summary>Large enough for a batch of 500 lines (or its rollup rows) in one flush.</summary>
    public const int WriteBufferBytes = 256 * 1024;

    public static NpgsqlDataSource Create(string connectionString) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { WriteBufferSize = WriteBufferBytes });
}
