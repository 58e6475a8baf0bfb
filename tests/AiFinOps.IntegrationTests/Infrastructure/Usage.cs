using AiFinOps.Contracts.Usage.V1;
using Google.Protobuf.WellKnownTypes;

namespace AiFinOps.IntegrationTests.Infrastructure;

/// <summary>Builds usage events for tests: unique ids, a recent timestamp, a priced model by default.</summary>
public static class Usage
{
    public static UsageEvent Call(string team, string model = "gpt-4o-mini", string provider = "openai",
        long input = 1_000, long output = 500, long cacheRead = 0, string workflow = "ticket-triage", string environment = "prod",
        string? eventId = null, string runId = "") => new()
        {
            EventId = eventId ?? Guid.NewGuid().ToString(),
            OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)),
            Provider = provider,
            Model = model,
            InputTokens = input,
            OutputTokens = output,
            CacheReadTokens = cacheRead,
            Team = team,
            Workflow = workflow,
            Environment = environment,
            RunId = runId,
        };

    public static UsageBatch Batch(params UsageEvent[] events)
    {
        var batch = new UsageBatch();
        batch.Events.Add(events);
        return batch;
    }
}
