namespace AiFinOps.FaultTests.Load;

/// <summary>
/// How much load a scenario sends. CI runs the defaults (a short load: the whole project in a few minutes on two busy
/// cores); <c>deploy/local/faults.sh</c> runs the full length. From the environment:
/// <c>AIFINOPS_FAULT_EVENTS</c> (usage events per scenario, default 3,000), <c>AIFINOPS_FAULT_RATE</c> (events/s the
/// senders pace themselves to, default 300; 0 = as fast as ingest accepts), <c>AIFINOPS_FAULT_BATCH</c> (events per
/// gRPC batch, default 100), <c>AIFINOPS_FAULT_SENDERS</c> (batches in flight, default 4).
/// </summary>
public sealed record LoadSettings(int Events, double Rate, int BatchSize, int Senders)
{
    public static LoadSettings FromEnvironment() => new(
        Read("AIFINOPS_FAULT_EVENTS", 3_000),
        Read("AIFINOPS_FAULT_RATE", 300),
        Read("AIFINOPS_FAULT_BATCH", 100),
        Read("AIFINOPS_FAULT_SENDERS", 4));

    /// <summary>How long the load lasts at its pace; the drain may take as long again on a busy machine.</summary>
    public TimeSpan Duration => Rate > 0 ? TimeSpan.FromSeconds(Events / Rate) : TimeSpan.FromSeconds(Events / 2_000.0);

    private static int Read(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? int.TryParse(value, out var parsed) && parsed >= 0 ? parsed : throw new ArgumentException($"{name} must be a whole number ≥ 0, got '{value}'")
            : fallback;
}
