using AiFinOps.Contracts.Usage.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AiFinOps.IntegrationTests.Reporting;

/// <summary>Usage and outcomes for report tests, recorded through ingest's gRPC API like an app does.</summary>
public static class Seeding
{
    public static Metadata Admin => new() { { "authorization", "Bearer " + ReportingSystem.AdminKey } };

    public static UsageEvent Call(DateTimeOffset at, string team, string workflow, string model, string provider = "openai", string environment = "prod",
        long input = 1_000, long output = 200, string fingerprint = "", int maxOutput = 0, string? costCentre = null)
    {
        var call = new UsageEvent
        {
            EventId = Guid.NewGuid().ToString(),
            OccurredAt = Timestamp.FromDateTimeOffset(at),
            Provider = provider,
            Model = model,
            InputTokens = input,
            OutputTokens = output,
            Team = team,
            Workflow = workflow,
            Environment = environment,
            PromptFingerprint = fingerprint,
            MaxOutputTokens = maxOutput,
        };
        if (costCentre is not null) call.Tags.Add("cost_centre", costCentre);
        return call;
    }

    public static OutcomeEvent Outcome(DateTimeOffset at, string team, string workflow, string unit, double quantity) => new()
    {
        EventId = Guid.NewGuid().ToString(),
        OccurredAt = Timestamp.FromDateTimeOffset(at),
        Team = team,
        Workflow = workflow,
        Unit = unit,
        Quantity = quantity,
    };

    public static async Task RecordAsync(ReportingSystem system, IEnumerable<UsageEvent> calls)
    {
        foreach (var chunk in calls.Chunk(500))
        {
            var batch = new UsageBatch();
            batch.Events.Add(chunk);
            var result = await system.IngestClient().RecordBatchAsync(batch, Admin);
            Assert.True(result.Accepted == chunk.Length, string.Join("; ", result.Rejected.Select(r => $"{r.Field}: {r.Reason}")));
        }
    }

    public static async Task RecordAsync(ReportingSystem system, IEnumerable<OutcomeEvent> outcomes)
    {
        var batch = new OutcomeBatch();
        batch.Outcomes.Add(outcomes);
        var result = await system.IngestClient().RecordOutcomesAsync(batch, Admin);
        Assert.Equal(batch.Outcomes.Count, result.Accepted);
    }

    /// <summary>The first instant of the month <paramref name="monthsBack"/> before this one, UTC.</summary>
    public static DateTimeOffset MonthStart(int monthsBack)
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-monthsBack);
    }
}
