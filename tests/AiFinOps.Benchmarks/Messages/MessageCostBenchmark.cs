using System.Diagnostics;
using System.Text.Json;
using AiFinOps.Contracts.Messages;
using MassTransit.Serialization;

namespace AiFinOps.Benchmarks.Messages;

/// <summary>
/// What one <see cref="UsageBatchPriced"/> of <c>size</c> usages costs on the bus: its JSON size, and the CPU time to
/// serialize it and to deserialize it the way MassTransit's System.Text.Json deserializer does (the envelope parsed into
/// a document, the message read from its element) — once per consuming service.
/// </summary>
public static class MessageCostBenchmark
{
    public static int Run(int size, int rounds)
    {
        var options = SystemTextJsonMessageSerializer.Options;
        var message = Sample(size);
        var envelope = new { messageId = Guid.NewGuid(), messageType = new[] { "urn:message:AiFinOps.Contracts.Messages:UsageBatchPriced" }, message };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(envelope, options);
        for (var i = 0; i < 20; i++) Deserialize(bytes, options); // warm up

        var serialize = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++) JsonSerializer.SerializeToUtf8Bytes(envelope, options);
        serialize.Stop();
        var deserialize = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++) Deserialize(bytes, options);
        deserialize.Stop();

        Console.WriteLine($"| figure (UsageBatchPriced of {size} usages, {rounds} rounds) | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| JSON size | {bytes.Length / 1024.0:N0} KiB ({bytes.Length / size:N0} bytes per usage) |");
        Console.WriteLine($"| serialize | {serialize.Elapsed.TotalMilliseconds / rounds:F2} ms per message |");
        Console.WriteLine($"| deserialize (document, then element) | {deserialize.Elapsed.TotalMilliseconds / rounds:F2} ms per message |");
        return 0;
    }

    private static UsageBatchPriced Deserialize(byte[] bytes, JsonSerializerOptions options)
    {
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.GetProperty("message").Deserialize<UsageBatchPriced>(options)!;
    }

    private static UsageBatchPriced Sample(int size) => new()
    {
        BatchId = Guid.NewGuid(),
        AcceptedAt = DateTimeOffset.UtcNow,
        Usages = Enumerable.Range(0, size).Select(i => new PricedUsage
        {
            EventId = $"{Guid.NewGuid()}",
            OccurredAt = DateTimeOffset.UtcNow.AddMilliseconds(-i),
            Provider = "openai",
            Model = "gpt-4o-mini-2024-07-18",
            CatalogueKeys = ["openai/gpt-4o-mini-2024-07-18"],
            InputTokens = 1_200 + i,
            OutputTokens = 340 + i,
            CacheReadTokens = 512,
            Team = "support",
            Workflow = "ticket-triage",
            Environment = "prod",
            Tags = new Dictionary<string, string> { ["cost_centre"] = "CC-1042", ["customer_tier"] = "enterprise" },
            RunId = $"{Guid.NewGuid()}",
            PromptFingerprint = "sha256:9f2c4e1a7b3d",
            MaxOutputTokens = 1024,
            LatencyMs = 812,
            RecordedBy = "support-app",
            Priced = true,
            PriceReference = "openai/gpt-4o-mini-2024-07-18@2026-11-01",
            ListCostUsd = 0.000384m + i * 0.000001m,
            ListCostByTokenType = new TokenTypeCosts { UncachedInputUsd = 0.000104m, CacheReadUsd = 0.0000384m, CacheWriteUsd = 0m, OutputUsd = 0.000204m, ReasoningUsd = 0m },
            EffectiveCostUsd = 0.000384m + i * 0.000001m,
        }).ToList(),
    };
}
