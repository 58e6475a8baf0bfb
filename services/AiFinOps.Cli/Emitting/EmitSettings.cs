namespace AiFinOps.Cli.Emitting;

/// <summary>What <c>aifinops emit</c> was asked to do. Without a count or a duration it emits 1,000 events.</summary>
public sealed record EmitSettings(
    long? Count,
    TimeSpan? Duration,
    double? Rate,
    int BatchSize,
    Uri Endpoint,
    string? ApiKey,
    int Seed,
    double DuplicatesPercent,
    IReadOnlyList<string> Teams,
    IReadOnlyList<string> Environments,
    bool Json)
{
    public const long DefaultCount = 1_000;

    public long? Limit => Count ?? (Duration is null ? DefaultCount : null);
}
