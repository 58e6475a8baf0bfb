using Grpc.Core;
using Microsoft.Extensions.Options;

namespace AiFinOps.Ingest.Recording.Backpressure;

/// <summary>
/// Holds a call back while the usage consumers are <see cref="BackpressureOptions.MaxBacklog"/> messages or more
/// behind, so ingest never accepts faster than the system books, budgets and watches: what is accepted is processed
/// within seconds (a budget alert arrives seconds after the usage that crossed it, not minutes), and a client that
/// sends too fast is slowed down instead of building a backlog nobody sees. A call that waits
/// <see cref="BackpressureOptions.MaxWait"/> in vain is refused RESOURCE_EXHAUSTED with a retry hint; nothing of it
/// was recorded, and the client library retries it.
/// </summary>
public sealed class AdmissionGate(IOptions<BackpressureOptions> options, TimeProvider clock)
{
    private volatile ConsumerLag lag = ConsumerLag.None;
    private TaskCompletionSource updated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConsumerLag Lag => lag;

    public void Update(ConsumerLag reading)
    {
        lag = reading;
        Interlocked.Exchange(ref updated, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public async Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return;
        var started = clock.GetUtcNow();
        while (!AdmissionDecision.HasRoom(lag, settings.MaxBacklog, clock.GetUtcNow()))
        {
            var waited = clock.GetUtcNow() - started;
            if (waited >= settings.MaxWait)
            {
                var (queue, messages) = lag.Worst!.Value;
                throw new RpcException(
                    new Status(StatusCode.ResourceExhausted,
                        $"the usage pipeline is behind: {messages} messages wait in {queue} (at most {settings.MaxBacklog}); " +
                        "nothing was recorded — retry with the same event_ids"),
                    new Metadata { { "grpc-retry-pushback-ms", "1000" } });
            }
            var next = Volatile.Read(ref updated).Task;
            await next.WaitAsync(settings.MaxWait - waited, clock, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
