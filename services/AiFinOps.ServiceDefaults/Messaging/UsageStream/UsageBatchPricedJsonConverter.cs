using System.Text.Json;
using System.Text.Json.Serialization;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.ServiceDefaults.Messaging.UsageStream;

/// <summary>
/// How a <see cref="UsageBatchPriced"/> is written inside MassTransit's JSON envelope: its usages as one base64 string of
/// protocol buffers (<see cref="PricedUsageCodec"/>) — <c>{"batchId":…,"acceptedAt":…,"usagesProtobuf":"…"}</c>. The
/// envelope, headers, fault and error-queue handling stay MassTransit's; only the bulky part is compact. Reading also
/// accepts the older all-JSON form (<c>"usages":[…]</c>), so messages queued by a previous version are still consumed.
/// </summary>
public sealed class UsageBatchPricedJsonConverter : JsonConverter<UsageBatchPriced>
{
    private const string BatchIdName = "batchId", AcceptedAtName = "acceptedAt", UsagesProtobufName = "usagesProtobuf", UsagesName = "usages";

    public override UsageBatchPriced Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("a UsageBatchPriced is a JSON object");
        Guid? batchId = null;
        DateTimeOffset? acceptedAt = null;
        IReadOnlyList<PricedUsage>? usages = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) throw new JsonException("expected a property name");
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, BatchIdName, StringComparison.OrdinalIgnoreCase)) batchId = reader.GetGuid();
            else if (string.Equals(name, AcceptedAtName, StringComparison.OrdinalIgnoreCase)) acceptedAt = reader.GetDateTimeOffset();
            else if (string.Equals(name, UsagesProtobufName, StringComparison.OrdinalIgnoreCase)) usages = PricedUsageCodec.Decode(reader.GetBytesFromBase64());
            else if (string.Equals(name, UsagesName, StringComparison.OrdinalIgnoreCase)) usages = JsonSerializer.Deserialize<List<PricedUsage>>(ref reader, options);
            else reader.Skip();
        }
        return new UsageBatchPriced
        {
            BatchId = batchId ?? throw new JsonException($"UsageBatchPriced without {BatchIdName}"),
            AcceptedAt = acceptedAt ?? throw new JsonException($"UsageBatchPriced without {AcceptedAtName}"),
            Usages = usages ?? throw new JsonException($"UsageBatchPriced without {UsagesProtobufName}"),
        };
    }

    public override void Write(Utf8JsonWriter writer, UsageBatchPriced value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(BatchIdName, value.BatchId);
        writer.WriteString(AcceptedAtName, value.AcceptedAt);
        writer.WriteBase64String(UsagesProtobufName, PricedUsageCodec.Encode(value.Usages));
        writer.WriteEndObject();
    }

    /// <summary>Adds the converter to MassTransit's serializer options once per process (they are shared and
    /// become read-only after their first use, so every bus of the process registers before any message moves).</summary>
    public static JsonSerializerOptions Register(JsonSerializerOptions options)
    {
        lock (options)
        {
            if (!options.Converters.OfType<UsageBatchPricedJsonConverter>().Any()) options.Converters.Add(new UsageBatchPricedJsonConverter());
        }
        return options;
    }
}
