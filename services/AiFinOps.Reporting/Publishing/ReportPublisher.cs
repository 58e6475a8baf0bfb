using AiFinOps.Reporting.Storing;
using AiFinOps.ServiceDefaults.Messaging;
using MassTransit;

namespace AiFinOps.Reporting.Publishing;

/// <summary>
/// Publishes a stored report version after its commit (persistent, broker-confirmed), each message with its derived
/// id as message id. A run that meets the version already stored publishes it again: a crash between the commit and the
/// confirm loses nothing, and subscribers and notifications deduplicate on the ids. The broker has
/// <see cref="OutboxPublisher{TItem}.PublishTimeout"/> to confirm: a confirm lost in a broker restart fails the run
/// (Hangfire retries it) instead of leaving it waiting forever.
/// </summary>
public sealed class ReportPublisher(IPublishEndpoint bus, ReportingSettings settings)
{
    public async Task PublishAsync(StoredReport report, CancellationToken ct)
    {
        var published = ReportAnnouncement.Published(report, settings.PublicUrl);
        var alert = ReportAnnouncement.Alert(report, settings.PublicUrl);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(OutboxPublisher<StoredReport>.PublishTimeout);
        await bus.Publish(published, c => c.MessageId = published.ReportId, timeout.Token);
        await bus.Publish(alert, c => c.MessageId = alert.AlertId, timeout.Token);
    }
}
