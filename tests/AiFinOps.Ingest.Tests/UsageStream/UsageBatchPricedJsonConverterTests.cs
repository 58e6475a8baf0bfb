using System.Text.Json;
using AiFinOps.Contracts.Messages;
using AiFinOps.ServiceDefaults.Messaging.UsageStream;
using MassTransit.Serialization;

namespace AiFinOps.Ingest.Tests.UsageStream;

public sealed class UsageBatchPricedJsonConverterTests
{
    private static readonly JsonSerializerOptions Options = UsageBatchPricedJsonConverter.Register(
        new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options));

    private static readonly UsageBatchPriced Batch = new()
    {
        BatchId = Guid.Parse("0b8f6a52-2f7c-4f5e-9a57-1d8c6c1f2e3a"),
        AcceptedAt = new DateTimeOffset(2026, 11, 30, 4, 0, 0, TimeSpan.Zero),
        Usages = [PricedUsageCodecTests.Full(1), PricedUsageCodecTests.Full(2)],
    };

    [Fact]
    public void The_usages_travel_as_one_protobuf_string_and_come_back_whole()
    {
        var json = JsonSerializer.Serialize(Batch, Options);

        using (var document = JsonDocument.Parse(json))
        {
            Assert.Equal(["batchId", "acceptedAt", "usagesProtobuf"], document.RootElement.EnumerateObject().Select(p => p.Name));
        }
        var back = JsonSerializer.Deserialize<UsageBatchPriced>(json, Options)!;
        Assert.Equal(Batch.BatchId, back.BatchId);
        Assert.Equal(Batch.AcceptedAt, back.AcceptedAt);
        Assert.Equal(JsonSerializer.Serialize(Batch.Usages), JsonSerializer.Serialize(back.Usages));
    }

    [Fact]
    public void A_message_queued_by_the_previous_all_json_version_is_still_read()
    {
        var oldForm = JsonSerializer.Serialize(Batch, SystemTextJsonMessageSerializer.Options);
        using (var document = JsonDocument.Parse(oldForm))
        {
            Assert.Equal(JsonValueKind.Array, document.RootElement.GetProperty("usages").ValueKind);
        }

        var back = JsonSerializer.Deserialize<UsageBatchPriced>(oldForm, Options)!;

        Assert.Equal(JsonSerializer.Serialize(Batch.Usages), JsonSerializer.Serialize(back.Usages));
    }

    [Fact]
    public void An_escaped_base64_string_is_still_read()
    {
        var json = JsonSerializer.Serialize(Batch, Options);
        var start = json.IndexOf("\"usagesProtobuf\":\"", StringComparison.Ordinal) + "\"usagesProtobuf\":\"".Length;
        var escaped = $"{json[..start]}\\u{(int)json[start]:X4}{json[(start + 1)..]}";

        var back = JsonSerializer.Deserialize<UsageBatchPriced>(escaped, Options)!;

        Assert.Equal(JsonSerializer.Serialize(Batch.Usages), JsonSerializer.Serialize(back.Usages));
    }

    [Fact]
    public void Usages_that_are_not_base64_are_refused()
    {
        const string json = """{"batchId":"0b8f6a52-2f7c-4f5e-9a57-1d8c6c1f2e3a","acceptedAt":"2026-11-30T04:00:00+00:00","usagesProtobuf":"not base64!"}""";

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<UsageBatchPriced>(json, Options));

        Assert.Contains("usagesProtobuf", error.Message);
    }

    [Theory]
    [InlineData("""{"acceptedAt":"2026-11-30T04:00:00+00:00","usagesProtobuf":""}""", "batchId")]
    [InlineData("""{"batchId":"0b8f6a52-2f7c-4f5e-9a57-1d8c6c1f2e3a","usagesProtobuf":""}""", "acceptedAt")]
    [InlineData("""{"batchId":"0b8f6a52-2f7c-4f5e-9a57-1d8c6c1f2e3a","acceptedAt":"2026-11-30T04:00:00+00:00"}""", "usagesProtobuf")]
    public void A_message_missing_a_part_is_refused_by_name(string json, string missing)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<UsageBatchPriced>(json, Options));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Registering_twice_adds_one_converter()
    {
        var options = new JsonSerializerOptions();
        UsageBatchPricedJsonConverter.Register(options);
        UsageBatchPricedJsonConverter.Register(options);

        Assert.Single(options.Converters.OfType<UsageBatchPricedJsonConverter>());
    }
}
