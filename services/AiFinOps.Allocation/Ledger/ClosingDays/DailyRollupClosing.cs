namespace AiFinOps.Allocation.Ledger.ClosingDays;

/// <summary>
/// Closes the ended UTC days in the daily rollup at start-up and every few minutes after (see
/// <see cref="DailyRollupCloser"/>). Replicas may all run it: each close holds the ledger alone and finds the day
/// already closed when another replica was first.
/// </summary>
public sealed class DailyRollupClosing(DailyRollupCloser closer, TimeProvider clock, ILogger<DailyRollupClosing> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                var openFrom = ClosingTime.OpenFrom(clock.GetUtcNow());
                var closed = await closer.CloseBeforeAsync(openFrom, stoppingToken);
                if (closed > 0) logger.LogInformation("Closed {Days} day(s) in the daily rollup; days from {OpenFrom:yyyy-MM-dd} stay open", closed, openFrom);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Nothing is lost while days stay open (the hourly rollup answers them); the next tick tries again.
                logger.LogWarning(ex, "Closing days in the daily rollup failed; they stay open until the next try");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
