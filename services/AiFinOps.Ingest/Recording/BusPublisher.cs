using Grpc.Core;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AiFinOps.Ingest.Recording;

/// <summary>
/// Publishes persistent messages and waits for the broker's confirm. A broker that is down or does not confirm within
/// <see cref="IngestLimits.PublishTimeout"/> fails the call UNAVAILABLE — never a hang, never a half-done success.
/// A <c>mandatory</c> message that no queue receives (the broker confirms an unroutable message and drops it) is
/// returned by the broker instead, and fails the call UNAVAILABLE too.
/// </summary>
public sealed class BusPublisher(IBus bus, IOptions<IngestLimits> options, ILogger<BusPublisher> logger)
{
    public async Task PublishAsync<T>(T message, CancellationToken cancellationToken, bool mandatory = false) where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        try
        {
            await bus.Publish(message, ctx =>
            {
                ctx.Durable = true;
                ctx.Mandatory = mandatory;
            }, timeout.Token);
        }
        catch (MessageReturnedException ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The broker returned {MessageType}: no consumer's queue receives it yet; the call fails UNAVAILABLE and nothing is recorded",
                typeof(T).Name);
            throw new RpcException(new Status(StatusCode.Unavailable,
                    $"the usage pipeline is not ready: no consumer's queue receives {typeof(T).Name} yet (none has ever started); " +
                    "nothing was recorded — retry with the same event_ids"),
                new Metadata { { "grpc-retry-pushback-ms", "5000" } });
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Publishing {MessageType} failed; the call fails UNAVAILABLE and nothing is recorded", typeof(T).Name);
            throw new RpcException(new Status(StatusCode.Unavailable,
                "the message broker did not confirm the batch; nothing was recorded — retry with the same event_ids"));
        }
    }
}
