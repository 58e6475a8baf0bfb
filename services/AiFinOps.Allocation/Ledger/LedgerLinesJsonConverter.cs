using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiFinOps.Allocation.Ledger;

/// <summary>
/// Stores an event's ledger lines as one base64 string of <see cref="LedgerLinesCodec"/> (what PostgreSQL parses
/// cheaply), and reads both that and the JSON array of line objects that events booked before it hold, so a ledger
/// rebuild reads every event ever stored.
/// </summary>
public sealed class LedgerLinesJsonConverter : JsonConverter<IReadOnlyList<LedgerLine>>
{
    public override IReadOnlyList<LedgerLine> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => LedgerLinesCodec.Decode(reader.GetBytesFromBase64()),
            JsonTokenType.StartArray => JsonSerializer.Deserialize<List<LedgerLine>>(ref reader, options) ?? [],
            JsonTokenType.Null => [],
            _ => throw new JsonException($"ledger lines are a base64 string or an array, not {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<LedgerLine> value, JsonSerializerOptions options) =>
        writer.WriteBase64StringValue(LedgerLinesCodec.Encode(value));
}
