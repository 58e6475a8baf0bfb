using Microsoft.Extensions.Options;

namespace AiFinOps.Anomaly.Runs.ClosingIdleRuns;

/// <summary>Closes idle runs every <see cref="RunOptions.SweepInterval"/> (none when it is zero): runs whose workflow went quiet.</summary>
public sealed class IdleRunSweeper(IdleRuns runs, TimeProvider clock, IOptions<AnomalyOptions> options, ILogger<IdleRunSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Runs.SweepInterval;
        if (interval <= TimeSpan.Zero) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
                var closed = await runs.CloseAsync(clock.GetUtcNow(), stoppingToken);
                if (closed.Count > 0) logger.LogDebug("Closed {Runs} idle runs of {Workflows} workflows", closed.Sum(c => c.Runs), closed.Count);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Closing idle runs failed; the next sweep tries again");
            }
        }
    }
}
