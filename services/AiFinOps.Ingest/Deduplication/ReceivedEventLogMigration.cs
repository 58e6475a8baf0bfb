namespace AiFinOps.Ingest.Deduplication;

/// <summary>Creates the received-events table at start-up (idempotent).</summary>
public sealed class ReceivedEventLogMigration(ReceivedEventLog log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => log.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
