using AiFinOps.Contracts.Usage.V1;
using Google.Protobuf.WellKnownTypes;

namespace AiFinOps.Client.Tests;

internal static class Usage
{
    public static UsageEvent Event(string team = "support") => new()
    {
        EventId = UsageEventIds.New(),
        OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow),
        Provider = "openai",
        Model = "gpt-4o-mini",
        InputTokens = 1200,
        OutputTokens = 300,
        Team = team,
        Workflow = "ticket-triage",
        Environment = "prod",
    };

    public static List<UsageEvent> Events(int count) => [.. Enumerable.Range(0, count).Select(_ => Event())];

    /// <summary>Quick enough for tests: short linger, millisecond backoff.</summary>
    public static UsageEmitterOptions Options(Uri endpoint) => new()
    {
        Endpoint = endpoint,
        ApiKey = "afo_test",
        Linger = TimeSpan.FromMilliseconds(20),
        InitialBackoff = TimeSpan.FromMilliseconds(5),
        MaxBackoff = TimeSpan.FromMilliseconds(40),
        ShutdownTimeout = TimeSpan.FromSeconds(20),
    };
}
