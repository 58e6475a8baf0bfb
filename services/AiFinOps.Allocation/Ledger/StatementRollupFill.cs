using Npgsql;

namespace AiFinOps.Allocation.Ledger;

/// <summary>
/// At start-up, after Marten has created the tables: fills the statement rollup from the daily rollup when the two are
/// not in step — a ledger booked before the statement rollup existed (see <see cref="LedgerProjection.FillStatementRollupAsync"/>).
/// </summary>
public sealed class StatementRollupFill(NpgsqlDataSource database, ILogger<StatementRollupFill> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (await LedgerProjection.FillStatementRollupAsync(connection, cancellationToken))
            logger.LogInformation("Filled the statement rollup {Table} from the daily rollup", LedgerTables.Statement);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
