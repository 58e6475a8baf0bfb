using Microsoft.Extensions.Options;

namespace AiFinOps.Ingest.Recording.Backpressure;

/// <summary>
/// Holds a call back while the usage consumers are <see cref="BackpressureOptions.MaxBacklog"/> messages or more
/// behind, so ingest never accepts faster than the system books, budgets and watches: what is accepted is processed
/// within seconds (a budget alert arrives seconds after the usage that crossed it, not minutes), and a client that
/// sends too fast is slowed down instead of building a backlog nobody sees. It holds a call too while a watched
/// consumer's queue does not exist yet (a fresh installation whose consumer has never started): the broker would
/// confirm the batch and drop it for that consumer. And it holds a call while a watched queue has had no consumer for
/// longer than <see cref="BackpressureOptions.ConsumerGrace"/>: its service is down or cannot start, and usage accepted
/// now would wait there unprocessed with nobody told why. A call that waits <see cref="BackpressureOptions.MaxWait"/> in vain
/// is refused (<see cref="AdmissionRefusal"/>) with a retry hint; nothing of it was recorded, and the client library
/// retries it.
/// </summary>
public sealed class AdmissionGate(IOptions<BackpressureOptions> options, TimeProvider clock)
{
    private volatile ConsumerLag lag = ConsumerLag.NotReadYet;
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
        if (!settings.Enabled || settings.WatchedConsumers.Count == 0) return;
        var started = clock.GetUtcNow();
        while (AdmissionDecision.Decide(lag, settings.MaxBacklog, settings.ConsumerGrace, clock.GetUtcNow()) is not Admission.Granted and var held)
        {
            var waited = clock.GetUtcNow() - started;
            if (waited >= settings.MaxWait) throw AdmissionRefusal.For(held, settings.MaxBacklog);
            var next = Volatile.Read(ref updated).Task;
            await next.WaitAsync(settings.MaxWait - waited, clock, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
