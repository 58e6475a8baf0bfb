using System.Diagnostics;
using System.Text.Json;
using AiFinOps.Contracts.Messages;
using AiFinOps.ServiceDefaults.Messaging.UsageStream;
using MassTransit.Serialization;

namespace AiFinOps.Benchmarks.Messages;

/// <summary>
/// What one <see cref="UsageBatchPriced"/> of <c>size</c> usages costs on the bus: its size, and the CPU time to
/// serialize it and to deserialize it the way MassTransit's System.Text.Json deserializer does (the envelope parsed into
/// a document, the message read from its element) — once per consuming service. Both wire forms are measured: the
/// previous all-JSON one and today's, whose usages travel as protocol buffers inside the envelope
/// (<see cref="UsageBatchPricedJsonConverter"/>).
/// </summary>
public static class MessageCostBenchmark
{
    public static int Run(int size, int rounds)
    {
        var message = Sample(size);
        var allJson = new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options);
        var compact = UsageBatchPricedJsonConverter.Register(new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options));

        Console.WriteLine($"| figure (UsageBatchPriced of {size} usages, {rounds} rounds) | all JSON (before) | protobuf in the envelope (now) |");
        Console.WriteLine("|---|---|---|");
        var before = Measure(message, allJson, rounds);
        var now = Measure(message, compact, rounds);
        Console.WriteLine($"| size | {before.Bytes / 1024.0:N0} KiB ({before.Bytes / size:N0} bytes per usage) | {now.Bytes / 1024.0:N0} KiB ({now.Bytes / size:N0} bytes per usage) |");
        Console.WriteLine($"| serialize (ingest, once) | {before.SerializeMs:F2} ms per message | {now.SerializeMs:F2} ms per message |");
        Console.WriteLine($"| deserialize (each consumer) | {before.DeserializeMs:F2} ms per message | {now.DeserializeMs:F2} ms per message |");
        var encoded = PricedUsageCodec.Encode(message.Usages);
        var encode = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++) PricedUsageCodec.Encode(message.Usages);
        encode.Stop();
        var decode = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++) PricedUsageCodec.Decode(encoded);
        decode.Stop();
        Console.WriteLine($"| of which the protobuf codec alone: encode / decode | | {encode.Elapsed.TotalMilliseconds / rounds:F2} / {decode.Elapsed.TotalMilliseconds / rounds:F2} ms per message ({encoded.Length / 1024.0:N0} KiB before base64) |");
        return 0;
    }

    private sealed record Cost(int Bytes, double SerializeMs, double DeserializeMs);

    private static Cost Measure(UsageBatchPriced message, JsonSerializerOptions options, int rounds)
    {
        var envelope = new { messageId = Guid.NewGuid(), messageType = new[] { "urn:message:AiFinOps.Contracts.Messages:UsageBatchPriced" }, message };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(envelope, options);
        for (var i = 0; i < 20; i++)
        {
            JsonSerializer.SerializeToUtf8Bytes(envelope, options);
            Deserialize(bytes, options); // warm up
        }

        var serialize = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++) JsonSerializer.SerializeToUtf8Bytes(envelope, options);
        serialize.Stop();
        var deserialize = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++) Deserialize(bytes, options);
        deserialize.Stop();
        return new Cost(bytes.Length, serialize.Elapsed.TotalMilliseconds / rounds, deserialize.Elapsed.TotalMilliseconds / rounds);
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
