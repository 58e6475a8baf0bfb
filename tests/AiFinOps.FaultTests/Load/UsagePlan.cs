using AiFinOps.Contracts.Usage.V1;
using Google.Protobuf.WellKnownTypes;

namespace AiFinOps.FaultTests.Load;

/// <summary>
/// Every usage event a scenario will send, fixed before the first one leaves: ids, teams, workflows, runs and call
/// shapes drawn from a seed, all in the current month. Once each batch has been answered OK the plan is the ground
/// truth of what ingest accepted (a retry sends the very same events).
/// </summary>
public sealed class UsagePlan
{
    public static readonly IReadOnlyList<string> Teams = ["search", "support", "checkout", "research"];

    private UsagePlan(IReadOnlyList<UsageBatch> batches) => Batches = batches;

    public IReadOnlyList<UsageBatch> Batches { get; }

    public IEnumerable<UsageEvent> Events => Batches.SelectMany(b => b.Events);

    public static UsagePlan Create(string scenario, LoadSettings load, DateTimeOffset now)
    {
        // A stable seed (string.GetHashCode differs per process): the same scenario name plans the same load.
        var random = new Random(scenario.Aggregate(17, (hash, c) => unchecked(hash * 31 + c)));
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var batches = new List<UsageBatch>();
        for (var i = 0; i < load.Events; i += load.BatchSize)
        {
            var batch = new UsageBatch();
            for (var j = i; j < Math.Min(load.Events, i + load.BatchSize); j++)
            {
                var shape = CallShape.All[random.Next(CallShape.All.Count)];
                var occurredAt = now.AddSeconds(-random.Next(3_600));
                batch.Events.Add(new UsageEvent
                {
                    EventId = $"{scenario}-{j:D7}",
                    OccurredAt = Timestamp.FromDateTimeOffset(occurredAt < monthStart ? monthStart : occurredAt),
                    Provider = shape.Provider,
                    Model = shape.Model,
                    InputTokens = shape.InputTokens,
                    OutputTokens = shape.OutputTokens,
                    Team = Teams[random.Next(Teams.Count)],
                    Workflow = $"flow-{random.Next(5)}",
                    Environment = "prod",
                    RunId = $"run-{random.Next(Math.Max(1, load.Events / 8))}",
                    LatencyMs = random.Next(100, 5_000),
                });
            }
            batches.Add(batch);
        }
        return new UsagePlan(batches);
    }
}
