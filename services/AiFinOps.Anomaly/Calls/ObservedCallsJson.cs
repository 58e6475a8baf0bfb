using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiFinOps.Anomaly.Calls;

/// <summary>
/// How a <see cref="CallsObserved"/> event stores its calls: as columns (one array per field, teams and workflows once
/// each and referred to by index, times as UTC ticks, the unpriced calls by index) instead of one object per call whose
/// field names repeat ten thousand times a batch — a fraction of the JSON to write, for PostgreSQL to parse into jsonb
/// and compress. Events stored before (an array of call objects) still read.
/// </summary>
public sealed class ObservedCallsJson : JsonConverter<IReadOnlyList<ObservedCall>>
{
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<ObservedCall> calls, JsonSerializerOptions options)
    {
        var teams = new Dictionary<string, int>(StringComparer.Ordinal);
        var workflows = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var call in calls)
        {
            teams.TryAdd(call.Team, teams.Count);
            workflows.TryAdd(call.Workflow, workflows.Count);
        }
        writer.WriteStartObject();
        WriteStrings(writer, "teams", teams.Keys);
        WriteStrings(writer, "workflows", workflows.Keys);
        WriteStrings(writer, "eventId", calls.Select(c => c.EventId));
        WriteColumn(writer, "occurredAt", calls, (w, c) => w.WriteNumberValue(c.OccurredAt.UtcTicks));
        WriteColumn(writer, "team", calls, (w, c) => w.WriteNumberValue(teams[c.Team]));
        WriteColumn(writer, "workflow", calls, (w, c) => w.WriteNumberValue(workflows[c.Workflow]));
        WriteStrings(writer, "runId", calls.Select(c => c.RunId));
        WriteColumn(writer, "inputTokens", calls, (w, c) => w.WriteNumberValue(c.InputTokens));
        WriteColumn(writer, "outputTokens", calls, (w, c) => w.WriteNumberValue(c.OutputTokens));
        WriteColumn(writer, "effectiveCostUsd", calls, (w, c) => w.WriteNumberValue(c.EffectiveCostUsd));
        writer.WriteStartArray("unpriced");
        for (var i = 0; i < calls.Count; i++)
        {
            if (!calls[i].Priced) writer.WriteNumberValue(i);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public override IReadOnlyList<ObservedCall> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
            return JsonSerializer.Deserialize<List<ObservedCall>>(ref reader, options) ?? [];
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Observed calls: an array or an object of columns expected");

        var columns = JsonSerializer.Deserialize<Columns>(ref reader, options)
            ?? throw new JsonException("Observed calls: columns expected");
        var unpriced = columns.Unpriced.ToHashSet();
        var calls = new ObservedCall[columns.EventId.Length];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = new ObservedCall(columns.EventId[i], new DateTimeOffset(columns.OccurredAt[i], TimeSpan.Zero),
                columns.Teams[columns.Team[i]], columns.Workflows[columns.Workflow[i]], columns.RunId[i], columns.InputTokens[i],
                columns.OutputTokens[i], columns.EffectiveCostUsd[i], !unpriced.Contains(i));
        }
        return calls;
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    private static void WriteColumn(Utf8JsonWriter writer, string name, IReadOnlyList<ObservedCall> calls, Action<Utf8JsonWriter, ObservedCall> write)
    {
        writer.WriteStartArray(name);
        foreach (var call in calls) write(writer, call);
        writer.WriteEndArray();
    }

    private sealed record Columns(
        [property: JsonPropertyName("teams")] string[] Teams,
        [property: JsonPropertyName("workflows")] string[] Workflows,
        [property: JsonPropertyName("eventId")] string[] EventId,
        [property: JsonPropertyName("occurredAt")] long[] OccurredAt,
        [property: JsonPropertyName("team")] int[] Team,
        [property: JsonPropertyName("workflow")] int[] Workflow,
        [property: JsonPropertyName("runId")] string[] RunId,
        [property: JsonPropertyName("inputTokens")] long[] InputTokens,
        [property: JsonPropertyName("outputTokens")] long[] OutputTokens,
        [property: JsonPropertyName("effectiveCostUsd")] decimal[] EffectiveCostUsd,
        [property: JsonPropertyName("unpriced")] int[] Unpriced);
}
