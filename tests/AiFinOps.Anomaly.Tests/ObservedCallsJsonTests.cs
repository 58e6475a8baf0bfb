using System.Text.Json;
using AiFinOps.Anomaly.Calls;

namespace AiFinOps.Anomaly.Tests;

/// <summary>The calls of a stored <see cref="CallsObserved"/> event: written as columns, read back alike, old events still read.</summary>
public sealed class ObservedCallsJsonTests
{
    // As Marten serializes events here: System.Text.Json, camel case.
    private static readonly JsonSerializerOptions Stored = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static readonly IReadOnlyList<ObservedCall> Calls =
    [
        new("e-1", new DateTimeOffset(2026, 11, 5, 9, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), "search", "triage", "run-1", 1_000, 200, 0.0123456789m, true),
        new("e-2", new DateTimeOffset(2026, 11, 5, 9, 0, 1, TimeSpan.Zero), "search", "triage", "", 700, 30, 0m, false),
        new("e-3", new DateTimeOffset(2026, 11, 5, 10, 59, 59, TimeSpan.Zero), "billing", "summarise", "run-9", 5, 0, 1.5m, true),
        new("e-4", new DateTimeOffset(2026, 11, 5, 11, 0, 0, TimeSpan.Zero), "search", "summarise", "run-9", 0, 9_000_000_000, 42m, true),
    ];

    [Fact]
    public void Calls_written_as_columns_read_back_the_same()
    {
        var observed = new CallsObserved(Guid.NewGuid(), DateTimeOffset.UnixEpoch.AddDays(20_000), Calls);

        var back = JsonSerializer.Deserialize<CallsObserved>(JsonSerializer.Serialize(observed, Stored), Stored)!;

        Assert.Equal((observed.BatchId, observed.ObservedAt), (back.BatchId, back.ObservedAt));
        Assert.Equal(Calls, back.Calls);
    }

    [Fact]
    public void Field_names_and_repeated_teams_and_workflows_are_written_once_per_batch()
    {
        var json = JsonSerializer.Serialize(new CallsObserved(Guid.NewGuid(), DateTimeOffset.UnixEpoch, Calls), Stored);

        Assert.Equal(1, Occurrences(json, "\"eventId\""));
        Assert.Equal(1, Occurrences(json, "\"search\""));
        Assert.Equal(1, Occurrences(json, "\"summarise\""));
    }

    [Fact]
    public void Events_stored_before_with_one_object_per_call_still_read()
    {
        const string before = """
            {"batchId":"6b1f5a43-0c56-4d55-9a0e-6f6d2d1b7a10","observedAt":"2026-11-05T12:00:00+00:00","calls":[
              {"eventId":"e-1","occurredAt":"2026-11-05T09:00:00.1234567+00:00","team":"search","workflow":"triage","runId":"run-1",
               "inputTokens":1000,"outputTokens":200,"effectiveCostUsd":0.0123456789,"priced":true},
              {"eventId":"e-2","occurredAt":"2026-11-05T09:00:01+00:00","team":"search","workflow":"triage","runId":"",
               "inputTokens":700,"outputTokens":30,"effectiveCostUsd":0,"priced":false}]}
            """;

        var observed = JsonSerializer.Deserialize<CallsObserved>(before, Stored)!;

        Assert.Equal(Calls.Take(2), observed.Calls);
    }

    private static int Occurrences(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
