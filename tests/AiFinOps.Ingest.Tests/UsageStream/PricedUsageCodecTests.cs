using System.Text.Json;
using AiFinOps.Contracts.Messages;
using AiFinOps.ServiceDefaults.Messaging.UsageStream;
using Google.Protobuf;

namespace AiFinOps.Ingest.Tests.UsageStream;

public sealed class PricedUsageCodecTests
{
    /// <summary>Two usages are the same when their plain JSON is (records compare lists by reference).</summary>
    private static string Plain(IEnumerable<PricedUsage> usages) => JsonSerializer.Serialize(usages);

    /// <summary>What <paramref name="write"/> writes, as bytes: fields of a usage record, as another writer might put them.</summary>
    private static byte[] Fields(Action<CodedOutputStream> write)
    {
        using var bytes = new MemoryStream();
        var output = new CodedOutputStream(bytes);
        write(output);
        output.Flush();
        return bytes.ToArray();
    }

    /// <summary>The fields of one usage as our codec writes them, without the record around them.</summary>
    private static byte[] FieldsOf(PricedUsage usage)
    {
        var record = new CodedInputStream(PricedUsageCodec.Encode([usage]));
        record.ReadTag();
        return record.ReadBytes().ToByteArray();
    }

    /// <summary>A batch's one usage record holding <paramref name="fields"/>.</summary>
    private static byte[] AsRecord(byte[] fields) => Fields(o =>
    {
        o.WriteTag(1, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(fields));
    });

    public static PricedUsage Full(int i) => new()
    {
        EventId = $"evt-{i}-é✓",
        OccurredAt = new DateTimeOffset(2026, 11, 30, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567 + i),
        Provider = "anthropic",
        Model = "claude-sonnet-4-20250514",
        CatalogueKeys = ["claude-sonnet-4-20250514", "claude-sonnet-4"],
        InputTokens = 1_200_000_000 + i,
        OutputTokens = 340,
        CacheReadTokens = 512,
        CacheWriteTokens = 64,
        ReasoningTokens = 17,
        Team = "support",
        Workflow = "ticket-triage",
        Environment = "prod",
        Tags = new Dictionary<string, string> { ["product"] = "helpdesk", ["customer"] = "" },
        RunId = "run-7",
        ServiceTier = "batch",
        PromptFingerprint = "fp-abc",
        MaxOutputTokens = 4096,
        LatencyMs = 1234,
        RecordedBy = "support-bot prod",
        Priced = true,
        PriceReference = "anthropic/claude-sonnet-4@2025-05-14",
        ListCostUsd = 0.0123456789012345678901234567m,
        ListCostByTokenType = new TokenTypeCosts
        {
            UncachedInputUsd = 0.0036m,
            CacheReadUsd = 0.00015360m,
            CacheWriteUsd = 0.000240m,
            OutputUsd = 0.0051m,
            ReasoningUsd = -0.000255m,
        },
        EffectiveCostUsd = 79228162514264337593543950335m,
        BilledCostUsd = 0.01m,
        BilledDriftUsd = -0.0000000000000000000000000001m,
        DiscountReference = "enterprise-2026",
    };

    [Fact]
    public void Every_field_survives_the_round_trip_to_the_last_digit()
    {
        var usages = Enumerable.Range(0, 3).Select(Full).ToList();

        var decoded = PricedUsageCodec.Decode(PricedUsageCodec.Encode(usages));

        Assert.Equal(Plain(usages), Plain(decoded));
        Assert.Equal(usages[0].ListCostUsd.ToString(), decoded[0].ListCostUsd.ToString()); // the scale too, not only the value
    }

    [Fact]
    public void Defaults_and_nulls_stay_what_they_were_and_an_empty_reference_is_not_a_missing_one()
    {
        var sparse = new PricedUsage
        {
            EventId = "e",
            OccurredAt = new DateTimeOffset(2026, 1, 1, 9, 30, 0, TimeSpan.FromHours(5.5)),
            Provider = "openai",
            Model = "gpt-4o",
            InputTokens = 0,
            OutputTokens = 0,
            Team = "",
            Workflow = "",
            Environment = "",
            Priced = false,
            ServiceTier = "",
            PriceReference = "",
            EffectiveCostUsd = 0m,
        };
        var withDefaults = sparse with { ServiceTier = "standard", PriceReference = null, EffectiveCostUsd = null };

        var decoded = PricedUsageCodec.Decode(PricedUsageCodec.Encode([sparse, withDefaults]));

        Assert.Equal(Plain([sparse, withDefaults]), Plain(decoded));
        Assert.Equal(TimeSpan.FromHours(5.5), decoded[0].OccurredAt.Offset);
        Assert.Equal("", decoded[0].PriceReference);
        Assert.Null(decoded[1].PriceReference);
        Assert.Equal(0m, decoded[0].EffectiveCostUsd);
        Assert.Null(decoded[1].EffectiveCostUsd);
    }

    [Fact]
    public void An_empty_batch_is_empty_bytes_and_back()
    {
        Assert.Empty(PricedUsageCodec.Encode([]));
        Assert.Empty(PricedUsageCodec.Decode([]));
    }

    [Fact]
    public void A_field_added_by_a_newer_version_is_skipped_by_this_one()
    {
        var known = PricedUsageCodec.Encode([Full(1)]);
        // A newer writer appends field 99 (a string) to the usage record: rebuild the record with it.
        var future = Fields(f =>
        {
            f.WriteTag(99, WireFormat.WireType.LengthDelimited);
            f.WriteString("from the future");
        });
        var extended = AsRecord([.. FieldsOf(Full(1)), .. future]);

        Assert.Equal(Plain(PricedUsageCodec.Decode(known)), Plain(PricedUsageCodec.Decode(extended)));
    }

    [Fact]
    public void Values_a_batch_repeats_are_made_once_and_shared_by_the_usages_that_carry_them()
    {
        var other = Full(3) with { Team = "search", Tags = new Dictionary<string, string> { ["product"] = "finder" } };

        var decoded = PricedUsageCodec.Decode(PricedUsageCodec.Encode([Full(1), Full(2), other]));

        Assert.Equal(Plain([Full(1), Full(2), other]), Plain(decoded));
        Assert.Same(decoded[0].Team, decoded[1].Team);
        Assert.Same(decoded[0].Model, decoded[1].Model);
        Assert.Same(decoded[0].Tags, decoded[1].Tags);
        Assert.Same(decoded[0].CatalogueKeys, decoded[1].CatalogueKeys);
        Assert.NotSame(decoded[0].Tags, decoded[2].Tags);
        Assert.Equal("finder", decoded[2].Tags["product"]);
    }

    [Fact]
    public void Tag_entries_apart_from_each_other_are_merged_the_later_key_winning_without_touching_a_shared_set()
    {
        // A writer other than ours may put a usage's tag entries apart; the first usage's first entry is also the
        // second usage's whole tag set, which decoding shares: merging must copy it, not add to it.
        static byte[] Record(params Action<CodedOutputStream>[] fields) => AsRecord(Fields(o =>
        {
            foreach (var field in fields) field(o);
        }));
        static Action<CodedOutputStream> Text(int field, string value) => o =>
        {
            o.WriteTag(field, WireFormat.WireType.LengthDelimited);
            o.WriteString(value);
        };
        static Action<CodedOutputStream> TagEntry(string key, string value) => o =>
        {
            using var entry = new MemoryStream();
            var e = new CodedOutputStream(entry);
            Text(1, key)(e);
            Text(2, value)(e);
            e.Flush();
            o.WriteTag(15, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(entry.ToArray()));
        };

        var bytes = Record(Text(1, "first"), TagEntry("a", "1"), Text(12, "team"), TagEntry("a", "2"), TagEntry("b", "3"))
            .Concat(Record(Text(1, "second"), TagEntry("a", "1"))).ToArray();

        var decoded = PricedUsageCodec.Decode(bytes);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "2", ["b"] = "3" }, decoded[0].Tags.ToDictionary());
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1" }, decoded[1].Tags.ToDictionary());
    }

    [Fact]
    public void Unknown_fields_of_every_wire_type_are_skipped()
    {
        var future = Fields(f =>
        {
            f.WriteTag(90, WireFormat.WireType.Varint);
            f.WriteInt64(-5);
            f.WriteTag(91, WireFormat.WireType.Fixed64);
            f.WriteFixed64(ulong.MaxValue);
            f.WriteTag(92, WireFormat.WireType.Fixed32);
            f.WriteFixed32(7);
        });
        var extended = AsRecord([.. future, .. FieldsOf(Full(1)), .. future]);

        Assert.Equal(Plain([Full(1)]), Plain(PricedUsageCodec.Decode(extended)));
    }

    [Fact]
    public void The_pooled_encoding_is_the_same_bytes()
    {
        var usages = Enumerable.Range(0, 20).Select(Full).ToList();

        using var pooled = PricedUsageCodec.EncodePooled(usages);

        Assert.Equal(PricedUsageCodec.Encode(usages), pooled.Span.ToArray());
        Assert.Equal(Plain(usages), Plain(PricedUsageCodec.Decode(pooled.Span)));
    }

    [Fact]
    public void Truncated_bytes_fail_loudly_instead_of_yielding_a_partial_batch()
    {
        var bytes = PricedUsageCodec.Encode([Full(1), Full(2)]);

        Assert.ThrowsAny<Exception>(() => PricedUsageCodec.Decode(bytes[..^5]));
    }

    [Fact]
    public void The_compact_form_is_less_than_half_the_json()
    {
        var usages = Enumerable.Range(0, 500).Select(Full).ToList();

        var compact = PricedUsageCodec.Encode(usages).Length;
        var json = JsonSerializer.SerializeToUtf8Bytes(usages).Length;

        Assert.True(compact * 2 < json, $"protobuf {compact} bytes against JSON {json} bytes");
    }
}
