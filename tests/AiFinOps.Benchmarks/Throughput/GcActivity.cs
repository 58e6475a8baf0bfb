namespace AiFinOps.Benchmarks.Throughput;

/// <summary>
/// What the services (all in this process) allocated and how often the garbage collector ran, by generation: a
/// generation-2 collection is the expensive one, and large objects (85,000 bytes and more) bring it on.
/// </summary>
public sealed record GcActivity(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static GcActivity Read() =>
        new(GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public GcActivity Minus(GcActivity before) =>
        new(AllocatedBytes - before.AllocatedBytes, Gen0 - before.Gen0, Gen1 - before.Gen1, Gen2 - before.Gen2, Paused - before.Paused);

    /// <summary>Collection counts are cumulative in .NET (a gen-2 collection also counts as gen 1 and 0): shown as such.</summary>
    public string Describe(long events) =>
        $"{AllocatedBytes / 1048576.0:N0} MB allocated ({(events == 0 ? 0 : AllocatedBytes / 1024.0 / events):F1} KB per event); collections gen 0/1/2 {Gen0:N0} / {Gen1:N0} / {Gen2:N0}; paused {Paused.TotalSeconds:F1} s";
}
