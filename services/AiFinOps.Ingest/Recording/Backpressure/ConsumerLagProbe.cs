using AiFinOps.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AiFinOps.Ingest.Recording.Backpressure;

/// <summary>
/// Reads the watched usage queues' backlog — or that they do not exist yet — from the broker every
/// <see cref="BackpressureOptions.PollInterval"/> (a passive queue declare: it neither creates nor changes a queue) and
/// hands it to the <see cref="AdmissionGate"/>.
/// </summary>
public sealed class ConsumerLagProbe(AdmissionGate gate, IConfiguration configuration, IOptions<BackpressureOptions> options,
    TimeProvider clock, ILogger<ConsumerLagProbe> logger) : BackgroundService
{
    /// <summary>The queue a service consumes usage on, as MassTransit names it (see <see cref="MessagingExtensions"/>).</summary>
    public static string UsageQueue(string prefix, string service) =>
        KebabCaseEndpointNameFormatter.Instance.SanitizeName($"{(prefix.Length > 0 ? prefix + "-" : "")}{service}-UsageBatchPriced");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || settings.WatchedConsumers.Count == 0) return;
        var prefix = configuration["Messaging:Prefix"] ?? "";
        var queues = settings.WatchedConsumers.Select(s => (Queue: UsageQueue(prefix, s), Service: s)).ToList();
        var uri = new Uri(configuration.GetConnectionString(MessagingExtensions.ConnectionName)
            ?? throw new InvalidOperationException($"Connection string '{MessagingExtensions.ConnectionName}' is not configured."));
        var absent = new HashSet<string>(StringComparer.Ordinal);
        var unattendedSince = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await new ConnectionFactory { Uri = uri, ClientProvidedName = "ingest-backpressure" }
                    .CreateConnectionAsync(stoppingToken);
                // A consumer's absence is timed from what this connection sees (after a broker restart, from its first reading).
                unattendedSince.Clear();
                IChannel? channel = null;
                while (!stoppingToken.IsCancellationRequested)
                {
                    var backlog = new Dictionary<string, uint>(StringComparer.Ordinal);
                    var missing = new List<MissingQueue>();
                    var readAt = clock.GetUtcNow();
                    foreach (var (queue, service) in queues)
                    {
                        channel ??= await connection.CreateChannelAsync(cancellationToken: stoppingToken);
                        try
                        {
                            var reading = await channel.QueueDeclarePassiveAsync(queue, stoppingToken);
                            backlog[queue] = reading.MessageCount;
                            if (absent.Remove(queue)) logger.LogInformation("Backpressure: queue {Queue} exists now; usage is accepted for {Service}", queue, service);
                            NoteConsumers(queue, service, reading.ConsumerCount, readAt, unattendedSince);
                        }
                        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
                        {
                            // Not declared yet: its service has never started. A batch published now would be confirmed and
                            // dropped for it, so calls carrying usage wait. The broker closed the channel.
                            missing.Add(new MissingQueue(queue, service));
                            unattendedSince.Remove(queue);
                            if (absent.Add(queue))
                            {
                                logger.LogWarning("Backpressure: queue {Queue} does not exist ({Service} has never started); calls carrying usage wait for it",
                                    queue, service);
                            }
                            channel.Dispose();
                            channel = null;
                        }
                    }
                    gate.Update(new ConsumerLag(backlog, readAt)
                    {
                        Missing = missing,
                        Unattended = [.. unattendedSince.Select(u => new UnattendedQueue(u.Key, queues.First(q => q.Queue == u.Key).Service, u.Value))],
                    });
                    await Task.Delay(settings.PollInterval, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (BrokerFailures.IsTransient(e))
            {
                // The reading goes stale and holds nobody back; publishing reports the broker's trouble itself.
                if (gate.Lag.Unread) gate.Update(ConsumerLag.Unanswered);
                logger.LogWarning("Backpressure: cannot read the usage queues' backlog ({Reason}); retrying in 5 s", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Remembers since when a queue has had no consumer; logs when it loses its last one and when one is back.</summary>
    private void NoteConsumers(string queue, string service, uint consumers, DateTimeOffset readAt, Dictionary<string, DateTimeOffset> unattendedSince)
    {
        if (consumers > 0)
        {
            if (unattendedSince.Remove(queue)) logger.LogInformation("Backpressure: queue {Queue} has a consumer again ({Service})", queue, service);
        }
        else if (unattendedSince.TryAdd(queue, readAt))
        {
            logger.LogWarning("Backpressure: queue {Queue} has no consumer ({Service} is down or cannot start); after {Grace} without one, calls carrying usage wait",
                queue, service, options.Value.ConsumerGrace);
        }
    }
}
