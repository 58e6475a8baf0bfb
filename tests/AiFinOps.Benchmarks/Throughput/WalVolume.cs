using Npgsql;

namespace AiFinOps.Benchmarks.Throughput;

/// <summary>
/// What PostgreSQL wrote to its write-ahead log (pg_stat_wal) and how many checkpoints it ran (pg_stat_bgwriter):
/// the WAL volume per event, and the share of full-page images a checkpoint forces into it, explain much of the
/// database's CPU and disk time; so do new connections (a process forked each) and autovacuum runs.
/// </summary>
public sealed record WalVolume(long Records, long FullPageImages, long Bytes, long Checkpoints, long Sessions, long Vacuums)
{
    public static async Task<WalVolume> ReadAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("""
            SELECT w.wal_records, w.wal_fpi, w.wal_bytes::bigint, b.checkpoints_timed + b.checkpoints_req,
                   (SELECT sum(sessions)::bigint FROM pg_stat_database),
                   (SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0)::bigint FROM pg_stat_all_tables)
            FROM pg_stat_wal w, pg_stat_bgwriter b
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new WalVolume(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    public WalVolume Minus(WalVolume before) =>
        new(Records - before.Records, FullPageImages - before.FullPageImages, Bytes - before.Bytes, Checkpoints - before.Checkpoints,
            Sessions - before.Sessions, Vacuums - before.Vacuums);

    public string Describe(long events) =>
        $"{Bytes / 1048576.0:N0} MB ({(events == 0 ? 0 : Bytes / 1024.0 / events):F1} KB per event), {Records:N0} records of which {FullPageImages:N0} full-page images, {Checkpoints} checkpoint(s); {Sessions:N0} connections opened, {Vacuums:N0} autovacuum/analyze runs";
}
