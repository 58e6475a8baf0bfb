namespace AiFinOps.Notifications.Deliveries.Sending;

/// <summary>
/// Sends due deliveries: woken at once when a consumer queued some (<see cref="DeliverySignal"/>), otherwise every
/// second, which is also how retries come due. Replicas share the work through the runner's claims.
/// </summary>
public sealed class DeliveryWorker(DeliveryRunner runner, DeliverySignal signal, ILogger<DeliveryWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await runner.SendDueAsync(stoppingToken) == DeliveryRunner.BatchSize && !stoppingToken.IsCancellationRequested) { }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Sending deliveries failed; they stay queued and are tried at the next poll");
            }
            try
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
