namespace AiFinOps.Client;

/// <summary>Counters shared by the emitting threads and the sending loop.</summary>
internal sealed class EmitterCounters
{
    private long _emitted, _inFlight, _accepted, _duplicates, _rejected, _failed, _retries, _batches;

    public void Emitted() => Interlocked.Increment(ref _emitted);

    public void Dispatched(int events) => Interlocked.Add(ref _inFlight, events);

    public void Retried() => Interlocked.Increment(ref _retries);

    public void Answered(int events, int accepted, int duplicates, int rejected)
    {
        Interlocked.Add(ref _accepted, accepted);
        Interlocked.Add(ref _duplicates, duplicates);
        Interlocked.Add(ref _rejected, rejected);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _inFlight, -events);
    }

    public void GaveUp(int events)
    {
        Interlocked.Add(ref _failed, events);
        Interlocked.Add(ref _inFlight, -events);
    }

    public UsageEmitterStatistics Snapshot(long buffered) => new(
        Interlocked.Read(ref _emitted),
        buffered,
        Interlocked.Read(ref _inFlight),
        Interlocked.Read(ref _accepted),
        Interlocked.Read(ref _duplicates),
        Interlocked.Read(ref _rejected),
        Interlocked.Read(ref _failed),
        Interlocked.Read(ref _retries),
        Interlocked.Read(ref _batches));
}
