using System.Buffers;
using System.Buffers.Text;
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
            else if (string.Equals(name, UsagesProtobufName, StringComparison.OrdinalIgnoreCase)) usages = DecodeUsages(ref reader);
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
        using (var usages = PricedUsageCodec.EncodePooled(value.Usages)) writer.WriteBase64String(UsagesProtobufName, usages.Span);
        writer.WriteEndObject();
    }

    /// <summary>
    /// The usages of the base64 string the reader is on, decoded through a pooled buffer: the string is a few hundred KB
    /// per batch, and a fresh array for its bytes was a large-object allocation per message. A string the reader cannot
    /// hand over in one piece (escaped, or split across buffers) takes the reader's own path.
    /// </summary>
    private static IReadOnlyList<PricedUsage> DecodeUsages(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"{UsagesProtobufName} is a base64 string");
        if (reader.ValueIsEscaped || reader.HasValueSequence) return PricedUsageCodec.Decode(reader.GetBytesFromBase64());
        var base64 = reader.ValueSpan;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(Base64.GetMaxDecodedFromUtf8Length(base64.Length), 1));
        try
        {
            var status = Base64.DecodeFromUtf8(base64, buffer, out _, out var written);
            if (status != OperationStatus.Done) throw new JsonException($"{UsagesProtobufName} is not valid base64 ({status})");
            return PricedUsageCodec.Decode(buffer.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
