using AiFinOps.Contracts.Usage.V1;
using Google.Protobuf.WellKnownTypes;

namespace AiFinOps.IntegrationTests.BadInput;

/// <summary>
/// One bad event sent between two good ones in a <c>RecordBatch</c>: <paramref name="Spoil"/> turns a good event into
/// it; the batch must accept the two good events and reject this one with <paramref name="Field"/> and words of
/// <paramref name="Reason"/>.
/// </summary>
public sealed record EventCase(string Name, Action<UsageEvent> Spoil, string Field, string Reason);

/// <summary>The per-event half of the gRPC matrix.</summary>
public static class EventCases
{
    private static Timestamp At(int year) => Timestamp.FromDateTime(new DateTime(year, 6, 1, 0, 0, 0, DateTimeKind.Utc));

    public static readonly IReadOnlyList<EventCase> All =
    [
        new("negative input_tokens", e => e.InputTokens = -1, "input_tokens", "must not be negative"),
        new("input_tokens = long.MaxValue (was accepted; its sums overflowed the spend totals)", e => e.InputTokens = long.MaxValue, "input_tokens", "is more than the 1,000,000,000"),
        new("output_tokens = 2^40", e => e.OutputTokens = 1L << 40, "output_tokens", "is more than the 1,000,000,000"),
        new("cache reads + writes above input", e => { e.CacheReadTokens = e.InputTokens; e.CacheWriteTokens = 1; }, "cache_read_tokens", "exceed input_tokens"),
        new("reasoning above output", e => e.ReasoningTokens = e.OutputTokens + 1, "reasoning_tokens", "exceed output_tokens"),
        new("negative max_output_tokens", e => e.MaxOutputTokens = -1, "max_output_tokens", "must be 0 (no limit) or positive"),
        new("negative latency_ms", e => e.LatencyMs = -5, "latency_ms", "must not be negative"),
        new("occurred in year 9999", e => e.OccurredAt = At(9999), "occurred_at", "is in the future"),
        new("occurred before 1970", e => e.OccurredAt = At(1969), "occurred_at", "older than the ingest horizon"),
        new("timestamp beyond year 9999", e => e.OccurredAt = new Timestamp { Seconds = 253_402_300_800 }, "occurred_at", "is not a valid timestamp"),
        new("timestamp with negative nanos", e => e.OccurredAt = new Timestamp { Seconds = e.OccurredAt.Seconds, Nanos = -1 }, "occurred_at", "is not a valid timestamp"),
        new("no occurred_at", e => e.OccurredAt = null, "occurred_at", "is required"),
        new("no provider", e => e.Provider = "", "provider", "is required"),
        new("event_id of 129 characters", e => e.EventId = new string('e', 129), "event_id", "at most 128"),
        new("event_id with a line break", e => e.EventId += "\n", "event_id", "control characters"),
        new("team of one million characters", e => e.Team = new string('t', 1_000_000), "team", "at most 256"),
        new("team with a NUL byte", e => e.Team = "bad\0team", "team", "control characters"),
        new("workflow with an escape sequence", e => e.Workflow = "wf\u001b[31mred", "workflow", "control characters"),
        new("33 tags", e => e.Tags.Add(Enumerable.Range(0, 33).ToDictionary(i => $"k{i}", i => "v")), "tags", "at most 32"),
        new("SQL in a tag key", e => e.Tags.Add("x'; DROP TABLE ledger_lines; --", "1"), "tags", "must be 1-64 characters of a-z"),
        new("tag value of 257 characters", e => e.Tags.Add("feature", new string('v', 257)), "tags", "at most 256"),
        new("unknown service_tier", e => e.ServiceTier = "ultra", "service_tier", "is not a service tier"),
        new("reported_cost_usd in exponent form", e => e.ReportedCostUsd = "1e400", "reported_cost_usd", "is not a decimal number"),
        new("reported_cost_usd of 40 digits", e => e.ReportedCostUsd = new string('9', 40), "reported_cost_usd", "is not a decimal number"),
        new("negative reported_cost_usd", e => e.ReportedCostUsd = "-0.5", "reported_cost_usd", "must not be negative"),
    ];

    public static IReadOnlyDictionary<string, EventCase> ByName { get; } = All.ToDictionary(c => c.Name);
}
