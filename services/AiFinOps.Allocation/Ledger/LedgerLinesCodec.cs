using System.Text;

namespace AiFinOps.Allocation.Ledger;

/// <summary>
/// The stored form of a booking's ledger lines inside its event: one compact binary record per line instead of ~1 KB
/// of JSON each, because PostgreSQL parsing the event's JSONB was the largest single cost of booking usage. Strings
/// repeat across a batch (provider, model, team, period, price reference, the event id as line id), so each distinct
/// string is written once and referred to by number afterwards. Decimals keep their exact 128-bit value (scale
/// included), times their ticks and offset, so a line reads back equal to the one written.
/// </summary>
public static class LedgerLinesCodec
{
    private const byte Version = 1;

    public static byte[] Encode(IReadOnlyList<LedgerLine> lines)
    {
        using var stream = new MemoryStream(lines.Count * 192);
        using (var writer = new Writer(stream))
        {
            writer.Write(Version);
            writer.Write7BitEncodedInt(lines.Count);
            foreach (var line in lines) writer.Line(line);
        }
        return stream.ToArray();
    }

    public static List<LedgerLine> Decode(byte[] bytes)
    {
        using var reader = new Reader(new MemoryStream(bytes, writable: false));
        var version = reader.ReadByte();
        if (version != Version) throw new InvalidDataException($"unknown ledger line encoding version {version}");
        var count = reader.Read7BitEncodedInt();
        var lines = new List<LedgerLine>(count);
        for (var i = 0; i < count; i++) lines.Add(reader.Line());
        return lines;
    }

    [Flags]
    private enum Present : byte
    {
        None = 0,
        PriceReference = 1,
        DiscountReference = 2,
        ReportedCost = 4,
        BilledDrift = 8,
        Priced = 16,
    }

    private sealed class Writer(Stream stream) : BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)
    {
        private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);

        public void Line(LedgerLine l)
        {
            Text(l.LineId);
            Text(l.EventId);
            Text(l.Kind);
            Text(l.BillingPeriod);
            Text(l.ChargeClass);
            Write(l.OccurredAt.Ticks);
            Write((short)l.OccurredAt.Offset.TotalMinutes);
            Text(l.Provider);
            Text(l.Model);
            Write7BitEncodedInt(l.CatalogueKeys.Count);
            foreach (var key in l.CatalogueKeys) Text(key);
            Text(l.ServiceTier);
            Text(l.Team);
            Text(l.Workflow);
            Text(l.Environment);
            Write7BitEncodedInt(l.Tags.Count);
            foreach (var (key, value) in l.Tags)
            {
                Text(key);
                Text(value);
            }
            Text(l.RunId);
            Text(l.RecordedBy);
            foreach (var count in (ReadOnlySpan<long>)[l.Events, l.UnpricedEvents, l.InputTokens, l.OutputTokens, l.CacheReadTokens, l.CacheWriteTokens, l.ReasoningTokens])
                Write7BitEncodedInt64(count);
            var present = (l.PriceReference is null ? Present.None : Present.PriceReference)
                | (l.DiscountReference is null ? Present.None : Present.DiscountReference)
                | (l.ReportedCostUsd is null ? Present.None : Present.ReportedCost)
                | (l.BilledDriftUsd is null ? Present.None : Present.BilledDrift)
                | (l.Priced ? Present.Priced : Present.None);
            Write((byte)present);
            if (l.PriceReference is { } price) Text(price);
            if (l.DiscountReference is { } discount) Text(discount);
            Money(l.ListCostUsd);
            Money(l.EffectiveCostUsd);
            Money(l.BilledCostUsd);
            if (l.ReportedCostUsd is { } reported) Money(reported);
            if (l.BilledDriftUsd is { } drift) Money(drift);
            var parts = l.ListCostByTokenType;
            Money(parts.UncachedInput);
            Money(parts.CacheRead);
            Money(parts.CacheWrite);
            Money(parts.Output);
            Money(parts.Reasoning);
        }

        /// <summary>0 and the text for a string not seen before in this batch, else its number + 1.</summary>
        private void Text(string value)
        {
            if (_strings.TryGetValue(value, out var number))
            {
                Write7BitEncodedInt(number + 1);
                return;
            }
            _strings.Add(value, _strings.Count);
            Write7BitEncodedInt(0);
            Write(value);
        }

        /// <summary>A decimal's exact bits: sign and scale, then the 96-bit integer in three variable-length parts.</summary>
        private void Money(decimal value)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(value, bits);
            Write7BitEncodedInt(bits[3]);
            Write7BitEncodedInt((int)(uint)bits[0]);
            Write7BitEncodedInt((int)(uint)bits[1]);
            Write7BitEncodedInt((int)(uint)bits[2]);
        }
    }

    private sealed class Reader(Stream stream) : BinaryReader(stream, Encoding.UTF8, leaveOpen: false)
    {
        private readonly List<string> _strings = [];

        public LedgerLine Line()
        {
            var lineId = Text();
            var eventId = Text();
            var kind = Text();
            var billingPeriod = Text();
            var chargeClass = Text();
            var ticks = ReadInt64();
            var occurredAt = new DateTimeOffset(ticks, TimeSpan.FromMinutes(ReadInt16()));
            var provider = Text();
            var model = Text();
            var catalogueKeys = new string[Read7BitEncodedInt()];
            for (var i = 0; i < catalogueKeys.Length; i++) catalogueKeys[i] = Text();
            var serviceTier = Text();
            var team = Text();
            var workflow = Text();
            var environment = Text();
            var tagCount = Read7BitEncodedInt();
            var tags = new Dictionary<string, string>(tagCount);
            for (var i = 0; i < tagCount; i++) tags.Add(Text(), Text());
            var runId = Text();
            var recordedBy = Text();
            var events = Read7BitEncodedInt64();
            var unpricedEvents = Read7BitEncodedInt64();
            var inputTokens = Read7BitEncodedInt64();
            var outputTokens = Read7BitEncodedInt64();
            var cacheReadTokens = Read7BitEncodedInt64();
            var cacheWriteTokens = Read7BitEncodedInt64();
            var reasoningTokens = Read7BitEncodedInt64();
            var present = (Present)ReadByte();
            var priceReference = present.HasFlag(Present.PriceReference) ? Text() : null;
            var discountReference = present.HasFlag(Present.DiscountReference) ? Text() : null;
            var listCost = Money();
            var effectiveCost = Money();
            var billedCost = Money();
            decimal? reportedCost = present.HasFlag(Present.ReportedCost) ? Money() : null;
            decimal? billedDrift = present.HasFlag(Present.BilledDrift) ? Money() : null;
            return new LedgerLine(lineId, eventId, kind, billingPeriod, chargeClass, occurredAt, provider, model, catalogueKeys,
                serviceTier, team, workflow, environment, tags, runId, recordedBy, events, unpricedEvents, inputTokens, outputTokens,
                cacheReadTokens, cacheWriteTokens, reasoningTokens, present.HasFlag(Present.Priced), priceReference, discountReference,
                listCost, effectiveCost, billedCost, reportedCost, billedDrift)
            {
                ListCostByTokenType = new CostByTokenType(Money(), Money(), Money(), Money(), Money()),
            };
        }

        private string Text()
        {
            var number = Read7BitEncodedInt();
            if (number > 0) return _strings[number - 1];
            var value = ReadString();
            _strings.Add(value);
            return value;
        }

        private decimal Money()
        {
            var flags = Read7BitEncodedInt();
            var lo = Read7BitEncodedInt();
            var mid = Read7BitEncodedInt();
            var hi = Read7BitEncodedInt();
            return new decimal([lo, mid, hi, flags]);
        }
    }
}
