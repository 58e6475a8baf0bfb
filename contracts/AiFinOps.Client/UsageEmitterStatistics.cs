namespace AiFinOps.Client;

/// <summary>A snapshot of what an emitter has done so far, in events.</summary>
/// <param name="Emitted">Taken into the buffer.</param>
/// <param name="Buffered">Waiting in the buffer for a batch.</param>
/// <param name="InFlight">In batches being sent or waiting to be retried.</param>
/// <param name="Accepted">Accepted by the server.</param>
/// <param name="Duplicates">Already known to the server (a retry or a resend); counted once there.</param>
/// <param name="Rejected">Refused one by one by the server (see <see cref="UsageEmitter.Rejected"/>).</param>
/// <param name="Failed">In batches given up on (see <see cref="UsageEmitter.BatchFailed"/>).</param>
/// <param name="Retries">Batch attempts that were retried after a transient failure.</param>
/// <param name="Batches">Batches the server answered.</param>
public sealed record UsageEmitterStatistics(
    long Emitted,
    long Buffered,
    long InFlight,
    long Accepted,
    long Duplicates,
    long Rejected,
    long Failed,
    long Retries,
    long Batches);
