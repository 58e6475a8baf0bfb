using AiFinOps.Contracts.Usage.V1;
using AiFinOps.Ingest.Recording;
using Google.Protobuf.WellKnownTypes;

namespace AiFinOps.Ingest.Tests;

/// <summary>Well-formed usage to start each test from; a test changes only what it is about.</summary>
internal static class Usages
{
    /// <summary>The fixed server clock of every validation test.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 15, 12, 0, 0, TimeSpan.Zero);

    public static readonly IngestLimits Limits = new();

    public static UsageEvent Event(Action<UsageEvent>? change = null)
    {
        var e = new UsageEvent
        {
            EventId = "evt-0001",
            OccurredAt = Timestamp.FromDateTimeOffset(Now.AddMinutes(-1)),
            Provider = "openai",
            Model = "gpt-4o",
            InputTokens = 1_000,
            OutputTokens = 200,
            Team = "search",
            Workflow = "answer-question",
            Environment = "prod",
        };
        change?.Invoke(e);
        return e;
    }

    public static ValidUsage Call(
        string provider,
        string model,
        long input,
        long output,
        long cacheRead = 0,
        long cacheWrite = 0,
        long reasoning = 0,
        string tier = "standard",
        DateTimeOffset? at = null,
        decimal? reportedCost = null) =>
        new(
            EventId: "evt-0001",
            OccurredAt: at ?? new DateTimeOffset(2025, 11, 1, 9, 0, 0, TimeSpan.Zero),
            Provider: provider,
            Model: model,
            InputTokens: input,
            OutputTokens: output,
            CacheReadTokens: cacheRead,
            CacheWriteTokens: cacheWrite,
            ReasoningTokens: reasoning,
            Team: "search",
            Workflow: "answer-question",
            Environment: "prod",
            Tags: new Dictionary<string, string>(),
            RunId: "",
            ServiceTier: tier,
            PromptFingerprint: "",
            MaxOutputTokens: 0,
            ReportedCostUsd: reportedCost,
            LatencyMs: 120);
}
