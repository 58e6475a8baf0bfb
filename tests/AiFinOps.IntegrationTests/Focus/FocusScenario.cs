using System.Globalization;
using System.Net.Http.Headers;
using AiFinOps.Allocation.Periods;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.IntegrationTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;

namespace AiFinOps.IntegrationTests.Focus;

/// <summary>
/// The usage every FOCUS test exports, sent once per fixture over gRPC: this billing period's calls of several teams,
/// providers (a platform among them), priced and unpriced models, cache and reasoning tokens, extra dimensions and
/// reported costs; then last period is closed and a late call of it arrives, so this period also has a correction.
/// </summary>
public static class FocusScenario
{
    private static readonly (string Provider, string Model)[] Models =
    [
        ("openai", "gpt-4o-mini"), ("anthropic", "claude-sonnet-4-20250514"), ("openai", "o3"),
        ("bedrock", "anthropic.claude-sonnet-4-20250514-v1:0"), ("acme", "unlisted-model"),
    ];

    private static readonly string[] Teams = ["search", "growth", ""];

    public sealed record Seeded(BillingPeriod Period, BillingPeriod Previous, int Calls);

    public static async Task<Seeded> SeedAsync(FocusSystem system)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(FocusSystem.TimeZone);
        var now = DateTimeOffset.UtcNow;
        var period = BillingPeriod.Of(now.AddMinutes(-2), zone);
        var start = period.Start(zone) > now.AddHours(-36) ? period.Start(zone) : now.AddHours(-36);
        var admin = AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey);

        var random = new Random(1_2_2026);
        var batch = new UsageBatch();
        for (var i = 0; i < 400; i++)
        {
            var at = start.AddSeconds(random.NextDouble() * Math.Max(1, (now.AddMinutes(-2) - start).TotalSeconds));
            batch.Events.Add(Call(random, at));
        }
        var booked = await system.IngestClient().RecordBatchAsync(batch, admin);
        Assert.Empty(booked.Rejected);
        await Eventually.Until(() => system.LedgerAsync(period.ToString()), l => l.Events == booked.Accepted, "the calls are booked");

        var previous = period.Previous;
        using (var http = system.Allocation.CreateClient())
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AiFinOpsSystem.AdminKey);
            using var closed = await http.PostAsync($"/api/v1/periods/{previous}/close", null);
            closed.EnsureSuccessStatusCode();
        }
        var late = Call(random, previous.End(zone).AddHours(-3));
        late.Team = "search";
        late.Provider = "openai";
        late.Model = "gpt-4o-mini";
        await system.IngestClient().RecordBatchAsync(new UsageBatch { Events = { late } }, admin);
        await Eventually.Until(() => system.LedgerAsync(period.ToString()), l => l.Events == booked.Accepted + 1, "the late call is booked as a correction");
        return new Seeded(period, previous, booked.Accepted + 1);
    }

    private static UsageEvent Call(Random random, DateTimeOffset at)
    {
        var (provider, model) = Models[random.Next(Models.Length)];
        var input = random.Next(1_000, 60_000);
        var output = random.Next(50, 4_000);
        var call = new UsageEvent
        {
            EventId = Guid.NewGuid().ToString(),
            OccurredAt = Timestamp.FromDateTimeOffset(at),
            Provider = provider,
            Model = model,
            InputTokens = input,
            CacheReadTokens = random.Next(0, input / 2),
            CacheWriteTokens = provider is "anthropic" or "bedrock" ? random.Next(0, input / 4) : 0,
            OutputTokens = output,
            ReasoningTokens = model == "o3" ? random.Next(0, output) : 0,
            Team = Teams[random.Next(Teams.Length)],
            Workflow = "wf-" + random.Next(3),
            Environment = random.Next(4) == 0 ? "staging" : "prod",
            RunId = "run-" + random.Next(1_000),
        };
        if (random.Next(3) == 0) call.Tags.Add("product", "p" + random.Next(2));
        if (random.Next(3) == 0) call.Tags.Add("region", "eu-central-1");
        if (random.Next(4) == 0) call.Tags.Add("cost_centre", "CC-7");
        if (random.Next(5) == 0) call.ReportedCostUsd = (random.Next(1, 90_000) / 1_000_000m).ToString(CultureInfo.InvariantCulture);
        return call;
    }
}
