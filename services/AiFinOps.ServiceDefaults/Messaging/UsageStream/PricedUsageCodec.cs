using System.Buffers;
using AiFinOps.Contracts.Messages;
using Google.Protobuf;

namespace AiFinOps.ServiceDefaults.Messaging.UsageStream;

/// <summary>
/// The wire form of the usage stream: a batch's <see cref="PricedUsage"/> list as protocol buffers (one length-delimited
/// record per usage, field numbers below), instead of ~1.4 KB of JSON per usage. Decimals travel as their exact 128-bit
/// representation, so a cost arrives to the last digit it left with. A reader skips fields it does not know, so a field
/// added later does not break a consumer that is one version behind. Field numbers are never reused.
/// </summary>
public static class PricedUsageCodec
{
    private const int UsageField = 1;

    public static byte[] Encode(IReadOnlyList<PricedUsage> usages)
    {
        using var encoded = EncodePooled(usages);
        return encoded.Span.ToArray();
    }

    /// <summary>
    /// <see cref="Encode"/> into a buffer rented from the shared pool (a batch of 500 is a few hundred KB: a fresh array
    /// each time is a large-object allocation, and garbage collections); dispose the result to return it.
    /// </summary>
    public static PooledBytes EncodePooled(IReadOnlyList<PricedUsage> usages)
    {
        var lengths = ArrayPool<int>.Shared.Rent(usages.Count);
        try
        {
            var size = 0;
            for (var i = 0; i < usages.Count; i++)
            {
                lengths[i] = UsageSize(usages[i]);
                size += CodedOutputStream.ComputeTagSize(UsageField) + CodedOutputStream.ComputeLengthSize(lengths[i]) + lengths[i];
            }
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
            var output = new CodedOutputStream(buffer);
            for (var i = 0; i < usages.Count; i++)
            {
                output.WriteTag(UsageField, WireFormat.WireType.LengthDelimited);
                output.WriteLength(lengths[i]);
                WriteUsage(output, usages[i]);
            }
            output.Flush();
            if (output.Position != size)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw new InvalidOperationException($"a batch measured {size} bytes but wrote {output.Position}");
            }
            return new PooledBytes(buffer, size);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lengths);
        }
    }

    public static List<PricedUsage> Decode(byte[] bytes) => Decode(bytes.AsSpan());

    /// <summary>
    /// The usages of a batch, read in place from <paramref name="bytes"/> (no copies of records); values the batch repeats
    /// (provider, model, team, tags…) are made once and shared by the usages that carry them.
    /// </summary>
    public static List<PricedUsage> Decode(ReadOnlySpan<byte> bytes)
    {
        var usages = new List<PricedUsage>(CountRecords(bytes));
        var repeated = new RepeatedValues();
        var batch = new WireReader(bytes);
        while (!batch.End)
        {
            // The batch is a plain sequence of field-1 records, one per usage.
            var position = batch.Position;
            var tag = batch.ReadTag();
            if (tag != WireFormat.MakeTag(UsageField, WireFormat.WireType.LengthDelimited))
                throw new InvalidDataException($"expected a usage record at byte {position}, found tag {tag}");
            usages.Add(ReadUsage(batch.ReadLengthDelimited(), repeated));
        }
        return usages;
    }

    /// <summary>How many records the batch holds (a cheap pass over their headers), so the list is allocated once.</summary>
    private static int CountRecords(ReadOnlySpan<byte> bytes)
    {
        var count = 0;
        var batch = new WireReader(bytes);
        try
        {
            for (; !batch.End; count++)
            {
                batch.ReadTag();
                batch.ReadLengthDelimited();
            }
        }
        catch (InvalidDataException)
        {
            // Malformed: the decoding pass reports where.
        }
        return count;
    }

    // Field numbers of one usage. Append only; never renumber or reuse.
    private const int EventId = 1, OccurredAtUtcTicks = 2, OffsetMinutes = 3, Provider = 4, Model = 5, CatalogueKey = 6,
        InputTokens = 7, OutputTokens = 8, CacheReadTokens = 9, CacheWriteTokens = 10, ReasoningTokens = 11, Team = 12,
        Workflow = 13, Environment = 14, Tag = 15, RunId = 16, ServiceTier = 17, PromptFingerprint = 18,
        MaxOutputTokens = 19, LatencyMs = 20, RecordedBy = 21, Priced = 22, PriceReference = 23, ListCostUsd = 24,
        ListCostByTokenType = 25, EffectiveCostUsd = 26, BilledCostUsd = 27, BilledDriftUsd = 28, DiscountReference = 29;

    // Inside a tag entry and a token-type cost split.
    private const int TagKey = 1, TagValue = 2;
    private const int UncachedInput = 1, CacheRead = 2, CacheWrite = 3, Output = 4, Reasoning = 5;

    /// <summary>A decimal field: tag, length 16, the four 32-bit words of <see cref="decimal.GetBits(decimal)"/>.</summary>
    private static int DecimalSize(int field) => CodedOutputStream.ComputeTagSize(field) + 1 + 16;
    private static readonly int TokenTypeCostsSize = DecimalSize(UncachedInput) + DecimalSize(CacheRead) + DecimalSize(CacheWrite)
        + DecimalSize(Output) + DecimalSize(Reasoning);

    private static int UsageSize(PricedUsage u)
    {
        var size = StringSize(EventId, u.EventId) + Int64Size(OccurredAtUtcTicks, u.OccurredAt.UtcTicks)
            + Int64Size(OffsetMinutes, (long)u.OccurredAt.Offset.TotalMinutes)
            + StringSize(Provider, u.Provider) + StringSize(Model, u.Model)
            + Int64Size(InputTokens, u.InputTokens) + Int64Size(OutputTokens, u.OutputTokens)
            + Int64Size(CacheReadTokens, u.CacheReadTokens) + Int64Size(CacheWriteTokens, u.CacheWriteTokens)
            + Int64Size(ReasoningTokens, u.ReasoningTokens)
            + StringSize(Team, u.Team) + StringSize(Workflow, u.Workflow) + StringSize(Environment, u.Environment)
            + StringSize(RunId, u.RunId) + StringSize(ServiceTier, u.ServiceTier) + StringSize(PromptFingerprint, u.PromptFingerprint)
            + Int64Size(MaxOutputTokens, u.MaxOutputTokens) + Int64Size(LatencyMs, u.LatencyMs)
            + StringSize(RecordedBy, u.RecordedBy) + (u.Priced ? CodedOutputStream.ComputeTagSize(Priced) + 1 : 0)
            + OptionalStringSize(PriceReference, u.PriceReference) + OptionalStringSize(DiscountReference, u.DiscountReference)
            + OptionalDecimalSize(ListCostUsd, u.ListCostUsd) + OptionalDecimalSize(EffectiveCostUsd, u.EffectiveCostUsd)
            + OptionalDecimalSize(BilledCostUsd, u.BilledCostUsd) + OptionalDecimalSize(BilledDriftUsd, u.BilledDriftUsd)
            + (u.ListCostByTokenType is null ? 0 : CodedOutputStream.ComputeTagSize(ListCostByTokenType)
                + CodedOutputStream.ComputeLengthSize(TokenTypeCostsSize) + TokenTypeCostsSize);
        foreach (var key in u.CatalogueKeys) size += CodedOutputStream.ComputeTagSize(CatalogueKey) + CodedOutputStream.ComputeStringSize(key);
        foreach (var (key, value) in u.Tags)
        {
            var entry = TagEntrySize(key, value);
            size += CodedOutputStream.ComputeTagSize(Tag) + CodedOutputStream.ComputeLengthSize(entry) + entry;
        }
        return size;
    }

    private static void WriteUsage(CodedOutputStream o, PricedUsage u)
    {
        WriteString(o, EventId, u.EventId);
        WriteInt64(o, OccurredAtUtcTicks, u.OccurredAt.UtcTicks);
        WriteInt64(o, OffsetMinutes, (long)u.OccurredAt.Offset.TotalMinutes);
        WriteString(o, Provider, u.Provider);
        WriteString(o, Model, u.Model);
        foreach (var key in u.CatalogueKeys)
        {
            o.WriteTag(CatalogueKey, WireFormat.WireType.LengthDelimited);
            o.WriteString(key);
        }
        WriteInt64(o, InputTokens, u.InputTokens);
        WriteInt64(o, OutputTokens, u.OutputTokens);
        WriteInt64(o, CacheReadTokens, u.CacheReadTokens);
        WriteInt64(o, CacheWriteTokens, u.CacheWriteTokens);
        WriteInt64(o, ReasoningTokens, u.ReasoningTokens);
        WriteString(o, Team, u.Team);
        WriteString(o, Workflow, u.Workflow);
        WriteString(o, Environment, u.Environment);
        foreach (var (key, value) in u.Tags)
        {
            o.WriteTag(Tag, WireFormat.WireType.LengthDelimited);
            o.WriteLength(TagEntrySize(key, value));
            WriteString(o, TagKey, key);
            WriteString(o, TagValue, value);
        }
        WriteString(o, RunId, u.RunId);
        WriteString(o, ServiceTier, u.ServiceTier);
        WriteString(o, PromptFingerprint, u.PromptFingerprint);
        WriteInt64(o, MaxOutputTokens, u.MaxOutputTokens);
        WriteInt64(o, LatencyMs, u.LatencyMs);
        WriteString(o, RecordedBy, u.RecordedBy);
        if (u.Priced)
        {
            o.WriteTag(Priced, WireFormat.WireType.Varint);
            o.WriteBool(true);
        }
        if (u.PriceReference is not null)
        {
            o.WriteTag(PriceReference, WireFormat.WireType.LengthDelimited);
            o.WriteString(u.PriceReference);
        }
        WriteOptionalDecimal(o, ListCostUsd, u.ListCostUsd);
        if (u.ListCostByTokenType is { } parts)
        {
            o.WriteTag(ListCostByTokenType, WireFormat.WireType.LengthDelimited);
            o.WriteLength(TokenTypeCostsSize);
            WriteDecimal(o, UncachedInput, parts.UncachedInputUsd);
            WriteDecimal(o, CacheRead, parts.CacheReadUsd);
            WriteDecimal(o, CacheWrite, parts.CacheWriteUsd);
            WriteDecimal(o, Output, parts.OutputUsd);
            WriteDecimal(o, Reasoning, parts.ReasoningUsd);
        }
        WriteOptionalDecimal(o, EffectiveCostUsd, u.EffectiveCostUsd);
        WriteOptionalDecimal(o, BilledCostUsd, u.BilledCostUsd);
        WriteOptionalDecimal(o, BilledDriftUsd, u.BilledDriftUsd);
        if (u.DiscountReference is not null)
        {
            o.WriteTag(DiscountReference, WireFormat.WireType.LengthDelimited);
            o.WriteString(u.DiscountReference);
        }
    }

    private static PricedUsage ReadUsage(ReadOnlySpan<byte> record, RepeatedValues repeated)
    {
        string eventId = "", provider = "", model = "", team = "", workflow = "", environment = "", runId = "",
            serviceTier = "", promptFingerprint = "", recordedBy = "";
        string? priceReference = null, discountReference = null;
        long ticks = 0, offsetMinutes = 0, inputTokens = 0, outputTokens = 0, cacheRead = 0, cacheWrite = 0, reasoning = 0,
            maxOutput = 0, latency = 0;
        var priced = false;
        decimal? listCost = null, effectiveCost = null, billedCost = null, billedDrift = null;
        TokenTypeCosts? byTokenType = null;
        IReadOnlyList<string>? catalogueKeys = null;
        IReadOnlyDictionary<string, string>? tags = null;

        var input = new WireReader(record);
        while (!input.End)
        {
            var start = input.Position;
            var tag = input.ReadTag();
            switch ((int)(tag >> 3))
            {
                case EventId: eventId = input.ReadString(); break;
                case OccurredAtUtcTicks: ticks = input.ReadInt64(); break;
                case OffsetMinutes: offsetMinutes = input.ReadInt64(); break;
                case Provider: provider = repeated.String(input.ReadLengthDelimited()); break;
                case Model: model = repeated.String(input.ReadLengthDelimited()); break;
                case CatalogueKey: catalogueKeys = ReadCatalogueKeys(ref input, record, start, tag, catalogueKeys, repeated); break;
                case InputTokens: inputTokens = input.ReadInt64(); break;
                case OutputTokens: outputTokens = input.ReadInt64(); break;
                case CacheReadTokens: cacheRead = input.ReadInt64(); break;
                case CacheWriteTokens: cacheWrite = input.ReadInt64(); break;
                case ReasoningTokens: reasoning = input.ReadInt64(); break;
                case Team: team = repeated.String(input.ReadLengthDelimited()); break;
                case Workflow: workflow = repeated.String(input.ReadLengthDelimited()); break;
                case Environment: environment = repeated.String(input.ReadLengthDelimited()); break;
                case Tag: tags = ReadTags(ref input, record, start, tag, tags, repeated); break;
                case RunId: runId = input.ReadString(); break;
                case ServiceTier: serviceTier = repeated.String(input.ReadLengthDelimited()); break;
                case PromptFingerprint: promptFingerprint = input.ReadString(); break;
                case MaxOutputTokens: maxOutput = input.ReadInt64(); break;
                case LatencyMs: latency = input.ReadInt64(); break;
                case RecordedBy: recordedBy = repeated.String(input.ReadLengthDelimited()); break;
                case Priced: priced = input.ReadBool(); break;
                case PriceReference: priceReference = repeated.String(input.ReadLengthDelimited()); break;
                case ListCostUsd: listCost = ReadDecimal(ref input); break;
                case ListCostByTokenType: byTokenType = ReadTokenTypeCosts(input.ReadLengthDelimited()); break;
                case EffectiveCostUsd: effectiveCost = ReadDecimal(ref input); break;
                case BilledCostUsd: billedCost = ReadDecimal(ref input); break;
                case BilledDriftUsd: billedDrift = ReadDecimal(ref input); break;
                case DiscountReference: discountReference = repeated.String(input.ReadLengthDelimited()); break;
                default: input.Skip(tag); break;
            }
        }

        return new PricedUsage
        {
            EventId = eventId,
            OccurredAt = new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes)),
            Provider = provider,
            Model = model,
            CatalogueKeys = catalogueKeys ?? [],
            InputTokens = inputTokens,
            OutputTokens = outputTokens,
            CacheReadTokens = cacheRead,
            CacheWriteTokens = cacheWrite,
            ReasoningTokens = reasoning,
            Team = team,
            Workflow = workflow,
            Environment = environment,
            Tags = tags ?? new Dictionary<string, string>(StringComparer.Ordinal),
            RunId = runId,
            ServiceTier = serviceTier,
            PromptFingerprint = promptFingerprint,
            MaxOutputTokens = checked((int)maxOutput),
            LatencyMs = latency,
            RecordedBy = recordedBy,
            Priced = priced,
            PriceReference = priceReference,
            ListCostUsd = listCost,
            ListCostByTokenType = byTokenType,
            EffectiveCostUsd = effectiveCost,
            BilledCostUsd = billedCost,
            BilledDriftUsd = billedDrift,
            DiscountReference = discountReference,
        };
    }

    /// <summary>
    /// A run of consecutive fields with the tag just read (<paramref name="tag"/>, which began at <paramref name="start"/>):
    /// advances past the run and returns its wire bytes, tags included — the key under which equal runs share one value.
    /// </summary>
    private static ReadOnlySpan<byte> ReadRun(ref WireReader input, ReadOnlySpan<byte> record, int start, uint tag)
    {
        input.ReadLengthDelimited();
        while (input.PeekTag() == tag)
        {
            input.ReadTag();
            input.ReadLengthDelimited();
        }
        return record[start..input.Position];
    }

    /// <summary>The catalogue keys of a usage: one list per distinct run in the batch, shared by the usages that carry it.</summary>
    private static IReadOnlyList<string> ReadCatalogueKeys(ref WireReader input, ReadOnlySpan<byte> record, int start, uint tag,
        IReadOnlyList<string>? earlier, RepeatedValues repeated)
    {
        var run = ReadRun(ref input, record, start, tag);
        if (earlier is null && repeated.TryGetCollection<List<string>>(run, out var shared)) return shared;
        var keys = earlier is null ? [] : new List<string>(earlier);
        for (var entries = new WireReader(run); !entries.End;)
        {
            entries.ReadTag();
            keys.Add(repeated.String(entries.ReadLengthDelimited()));
        }
        if (earlier is null) repeated.AddCollection(run, keys);
        return keys;
    }

    /// <summary>The tags of a usage: one dictionary per distinct run of tag entries in the batch, shared (read-only) by the
    /// usages that carry it; a later entry with the same key wins, as it always has.</summary>
    private static IReadOnlyDictionary<string, string> ReadTags(ref WireReader input, ReadOnlySpan<byte> record, int start, uint tag,
        IReadOnlyDictionary<string, string>? earlier, RepeatedValues repeated)
    {
        var run = ReadRun(ref input, record, start, tag);
        if (earlier is null && repeated.TryGetCollection<Dictionary<string, string>>(run, out var shared)) return shared;
        var tags = earlier is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(earlier, StringComparer.Ordinal);
        for (var entries = new WireReader(run); !entries.End;)
        {
            entries.ReadTag();
            var (key, value) = ReadTagEntry(entries.ReadLengthDelimited(), repeated);
            tags[key] = value;
        }
        if (earlier is null) repeated.AddCollection(run, tags);
        return tags;
    }

    private static (string Key, string Value) ReadTagEntry(ReadOnlySpan<byte> entry, RepeatedValues repeated)
    {
        string key = "", value = "";
        var input = new WireReader(entry);
        while (!input.End)
        {
            var tag = input.ReadTag();
            switch ((int)(tag >> 3))
            {
                case TagKey: key = repeated.String(input.ReadLengthDelimited()); break;
                case TagValue: value = repeated.String(input.ReadLengthDelimited()); break;
                default: input.Skip(tag); break;
            }
        }
        return (key, value);
    }

    private static TokenTypeCosts ReadTokenTypeCosts(ReadOnlySpan<byte> costs)
    {
        decimal uncached = 0, cacheRead = 0, cacheWrite = 0, output = 0, reasoning = 0;
        var input = new WireReader(costs);
        while (!input.End)
        {
            var tag = input.ReadTag();
            switch ((int)(tag >> 3))
            {
                case UncachedInput: uncached = ReadDecimal(ref input); break;
                case CacheRead: cacheRead = ReadDecimal(ref input); break;
                case CacheWrite: cacheWrite = ReadDecimal(ref input); break;
                case Output: output = ReadDecimal(ref input); break;
                case Reasoning: reasoning = ReadDecimal(ref input); break;
                default: input.Skip(tag); break;
            }
        }
        return new TokenTypeCosts
        {
            UncachedInputUsd = uncached,
            CacheReadUsd = cacheRead,
            CacheWriteUsd = cacheWrite,
            OutputUsd = output,
            ReasoningUsd = reasoning,
        };
    }

    private static decimal ReadDecimal(ref WireReader input)
    {
        var words = new WireReader(input.ReadLengthDelimited());
        if (words.Remaining != 16) throw new InvalidDataException($"a decimal is 16 bytes, this one is {words.Remaining}");
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < 4; i++) bits[i] = (int)words.ReadFixed32();
        return new decimal(bits);
    }

    private static void WriteDecimal(CodedOutputStream o, int field, decimal value)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteLength(16);
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        foreach (var word in bits) o.WriteFixed32((uint)word);
    }

    private static void WriteOptionalDecimal(CodedOutputStream o, int field, decimal? value)
    {
        if (value is { } v) WriteDecimal(o, field, v);
    }

    private static void WriteString(CodedOutputStream o, int field, string value)
    {
        if (value.Length == 0) return;
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteString(value);
    }

    private static void WriteInt64(CodedOutputStream o, int field, long value)
    {
        if (value == 0) return;
        o.WriteTag(field, WireFormat.WireType.Varint);
        o.WriteInt64(value);
    }

    private static int StringSize(int field, string value) =>
        value.Length == 0 ? 0 : CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeStringSize(value);

    private static int OptionalStringSize(int field, string? value) =>
        value is null ? 0 : CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeStringSize(value);

    private static int Int64Size(int field, long value) =>
        value == 0 ? 0 : CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeInt64Size(value);

    private static int OptionalDecimalSize(int field, decimal? value) => value is null ? 0 : DecimalSize(field);

    private static int TagEntrySize(string key, string value) => StringSize(TagKey, key) + StringSize(TagValue, value);
}
