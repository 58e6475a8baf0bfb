using System.Text.Json;
using System.Text.Json.Serialization;
using AiFinOps.Allocation.Ledger;

namespace AiFinOps.Allocation.Tests;

public sealed class LedgerLinesCodecTests
{
    /// <summary>Like the event store's serializer: camel case, enums as numbers.</summary>
    private static readonly JsonSerializerOptions Store = new(JsonSerializerDefaults.Web);

    private static readonly Guid BatchId = Guid.Parse("0b5f4c1e-0000-4000-8000-000000000002");

    /// <summary>Every kind of value a line holds: nulls and values, a correction, a negative re-pricing, a non-UTC time, trailing zeros.</summary>
    private static IReadOnlyList<LedgerLine> Varied() =>
    [
        Lines.Usage("evt-1", tags: new Dictionary<string, string> { ["cost_centre"] = "cc-42", ["product"] = "helpdesk" }) with
        {
            RunId = "run-7",
            ReportedCostUsd = 0.0061m,
            BilledCostUsd = 0.0061m,
            BilledDriftUsd = 0.0001m,
            DiscountReference = "enterprise-2026",
            ListCostByTokenType = new CostByTokenType(0.0030m, 0.00090m, 0.0002m, 0.0018m, 0.0000m),
        },
        Lines.Usage("evt-2", at: new DateTimeOffset(2026, 11, 30, 23, 59, 59, 999, TimeSpan.FromHours(-5))) with
        {
            Priced = false,
            UnpricedEvents = 1,
            PriceReference = null,
            ListCostUsd = 0m,
            EffectiveCostUsd = 0m,
            BilledCostUsd = 0m,
            CatalogueKeys = [],
        },
        Lines.Usage("evt-1") with
        {
            LineId = "evt-1:repricing:7",
            Kind = LineKinds.Repricing,
            ChargeClass = ChargeClasses.Correction,
            BillingPeriod = "2026-12",
            Events = 0,
            UnpricedEvents = -1,
            InputTokens = 0,
            ListCostUsd = -0.0012345678901234567890m,
            EffectiveCostUsd = decimal.MinValue,
            BilledCostUsd = decimal.MaxValue,
            ListCostByTokenType = new CostByTokenType(-0.001m, 0m, 0m, -0.0002345678901234567890m, 0m),
        },
    ];

    [Fact]
    public void Lines_read_back_exactly_as_written()
    {
        var lines = Varied();

        var read = LedgerLinesCodec.Decode(LedgerLinesCodec.Encode(lines));

        Assert.Equal(JsonSerializer.Serialize(lines, Store), JsonSerializer.Serialize(read, Store));
        Assert.Equal(lines[1].OccurredAt.Offset, read[1].OccurredAt.Offset);
        Assert.Equal("0.00090", read[0].ListCostByTokenType.CacheRead.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void An_empty_booking_reads_back_empty() =>
        Assert.Empty(LedgerLinesCodec.Decode(LedgerLinesCodec.Encode([])));

    [Fact]
    public void A_booking_event_stores_its_lines_as_one_string_and_reads_them_back()
    {
        var booked = new UsageBooked(BatchId, Lines.At, Varied());

        var json = JsonSerializer.Serialize(booked, Store);
        var read = JsonSerializer.Deserialize<UsageBooked>(json, Store)!;

        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(json).RootElement.GetProperty("lines").ValueKind);
        Assert.Equal(JsonSerializer.Serialize(booked.Lines, Store), JsonSerializer.Serialize(read.Lines, Store));
        Assert.Equal(booked.BookedAt, read.BookedAt);
    }

    [Fact]
    public void A_booking_event_stored_before_holds_its_lines_as_objects_and_still_reads()
    {
        var lines = Varied();
        var before = JsonSerializer.Serialize(new StoredBefore(BatchId, Lines.At, lines), Store);

        var read = JsonSerializer.Deserialize<UsageBooked>(before, Store)!;

        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(before).RootElement.GetProperty("lines").ValueKind);
        Assert.Equal(JsonSerializer.Serialize(lines, Store), JsonSerializer.Serialize(read.Lines, Store));
    }

    [Fact]
    public void A_batch_of_similar_lines_stores_in_a_fraction_of_its_json()
    {
        var lines = Enumerable.Range(0, 500).Select(i => Lines.Usage($"{Guid.NewGuid()}") with { InputTokens = 1_000 + i }).ToList();

        var binary = LedgerLinesCodec.Encode(lines).Length;
        var json = JsonSerializer.SerializeToUtf8Bytes(lines, Store).Length;

        Assert.True(binary * 4 < json, $"binary {binary} bytes against JSON {json} bytes");
    }

    /// <summary>The shape of <see cref="UsageBooked"/> before its lines were stored compactly.</summary>
    private sealed record StoredBefore(Guid BatchId, DateTimeOffset BookedAt, IReadOnlyList<LedgerLine> Lines);
}
