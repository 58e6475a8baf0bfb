using AiFinOps.IntegrationTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;

namespace AiFinOps.IntegrationTests.Allocating;

/// <summary>Seeded usage over the last three days — teams (one untagged), priced and unpriced models, some product tags — sent over gRPC.</summary>
public static class GeneratedUsage
{
    private static readonly string[] Teams = ["search", "growth", "support", ""];
    private static readonly string[] Models = ["gpt-4o-mini", "gpt-4.1", "unlisted-model"];

    public sealed record Sent(DateTimeOffset At, long Input, long Output);

    public static async Task<List<Sent>> SendAsync(AiFinOpsSystem system, int seed, int count, string? workflow = null)
    {
        var random = new Random(seed);
        var now = DateTimeOffset.UtcNow;
        var sent = new List<Sent>();
        var batch = new Contracts.Usage.V1.UsageBatch();
        for (var i = 0; i < count; i++)
        {
            var at = now.AddSeconds(-random.Next(60, 3 * 24 * 3600));
            var call = Usage.Call(Teams[random.Next(Teams.Length)], model: Models[random.Next(Models.Length)],
                input: random.Next(100, 50_000), output: random.Next(10, 4_000), workflow: workflow ?? "wf-" + random.Next(3));
            call.OccurredAt = Timestamp.FromDateTimeOffset(at);
            call.CacheReadTokens = random.Next(0, (int)call.InputTokens / 2);
            if (random.Next(4) == 0) call.Tags.Add("product", "p" + random.Next(2));
            batch.Events.Add(call);
            sent.Add(new Sent(Timestamp.FromDateTimeOffset(at).ToDateTimeOffset(), call.InputTokens, call.OutputTokens));
            if (batch.Events.Count == 150)
            {
                await system.IngestClient().RecordBatchAsync(batch, AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));
                batch = new Contracts.Usage.V1.UsageBatch();
            }
        }
        if (batch.Events.Count > 0) await system.IngestClient().RecordBatchAsync(batch, AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));
        return sent;
    }

    public static async Task<long> TotalEventsAsync(AiFinOpsSystem system, string filter = "")
    {
        var body = await ReadApi.GetAsync(system.Allocation,
            $"/api/v1/spend?from={DateTime.UtcNow.AddDays(-4):yyyy-MM-dd}&to={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}&{filter}", AiFinOpsSystem.AdminKey);
        return body.GetProperty("totals").GetProperty("events").GetInt64();
    }
}
