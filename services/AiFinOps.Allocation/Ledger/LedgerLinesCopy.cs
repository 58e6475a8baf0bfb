using System.Text.Json;
using AiFinOps.ServiceDefaults.Database;
using Npgsql;

namespace AiFinOps.Allocation.Ledger;

/// <summary>
/// Writes ledger lines with PostgreSQL's binary COPY, the cheapest way in: no parameter arrays to build and unpack and
/// no executor projecting forty unnested columns, which made the INSERT the most expensive statement of booking. COPY
/// has no ON CONFLICT: it is the first attempt of <see cref="LedgerProjection.InsertNewLinesAsync"/>, and a line that
/// is already there fails it with a unique violation, after which the INSERT that skips existing lines runs instead.
/// </summary>
public static class LedgerLinesCopy
{
    private static readonly string Copy = $"""
        COPY {AllocationModule.Schema}.{LedgerTables.Lines} (line_id, event_id, kind, billing_period, charge_class, occurred_at,
            booked_at, provider, model, service_tier, team, workflow, environment, cost_centre_tag, run_id, recorded_by,
            catalogue_keys, tags, extra, events, unpriced_events, input_tokens, output_tokens, cache_read_tokens,
            cache_write_tokens, reasoning_tokens, list_cost_usd, effective_cost_usd, billed_cost_usd, reported_events,
            reported_cost_usd, billed_drift_usd, priced, price_reference, discount_reference,
            list_uncached_input_cost_usd, list_cache_read_cost_usd, list_cache_write_cost_usd, list_output_cost_usd, list_reasoning_cost_usd)
        FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>
    /// Writes every line, in line-id order (the order the INSERT takes its key locks in), column by column in the
    /// statement's order — written out, not looped over arrays of values, which would allocate per line on this hot path.
    /// </summary>
    public static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<LedgerLine> lines, DateTimeOffset bookedAt,
        IReadOnlyList<string> extraDimensions, CancellationToken ct)
    {
        await using var copy = await BinaryCopy.BeginAsync(connection, Copy, ct);
        foreach (var line in lines.OrderBy(l => l.LineId, StringComparer.Ordinal))
        {
            copy.StartRow(40);
            copy.Text(line.LineId);
            copy.Text(line.EventId);
            copy.Text(line.Kind);
            copy.Text(line.BillingPeriod);
            copy.Text(line.ChargeClass);
            copy.TimestampTz(line.OccurredAt);
            copy.TimestampTz(bookedAt);
            copy.Text(line.Provider);
            copy.Text(line.Model);
            copy.Text(line.ServiceTier);
            copy.Text(line.Team);
            copy.Text(line.Workflow);
            copy.Text(line.Environment);
            copy.Text(line.CostCentreTagValue);
            copy.Text(line.RunId);
            copy.Text(line.RecordedBy);
            copy.TextArray(line.CatalogueKeys);
            copy.Jsonb(JsonSerializer.Serialize(line.Tags));
            copy.Jsonb(LedgerProjection.ExtraDimensions(line, extraDimensions));
            copy.Int8(line.Events);
            copy.Int8(line.UnpricedEvents);
            copy.Int8(line.InputTokens);
            copy.Int8(line.OutputTokens);
            copy.Int8(line.CacheReadTokens);
            copy.Int8(line.CacheWriteTokens);
            copy.Int8(line.ReasoningTokens);
            copy.Numeric(line.ListCostUsd);
            copy.Numeric(line.EffectiveCostUsd);
            copy.Numeric(line.BilledCostUsd);
            copy.Int8(line.ReportedCostUsd is null ? 0L : 1L);
            copy.Numeric(line.ReportedCostUsd ?? 0m);
            copy.Numeric(line.BilledDriftUsd ?? 0m);
            copy.Bool(line.Priced);
            copy.TextOrNull(line.PriceReference);
            copy.TextOrNull(line.DiscountReference);
            var parts = line.ListCostByTokenType;
            copy.Numeric(parts.UncachedInput);
            copy.Numeric(parts.CacheRead);
            copy.Numeric(parts.CacheWrite);
            copy.Numeric(parts.Output);
            copy.Numeric(parts.Reasoning);
            await copy.EndRowAsync(ct);
        }
        await copy.CompleteAsync(ct);
    }
}
