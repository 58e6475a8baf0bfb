using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

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
        var booked = bookedAt.UtcDateTime;
        await using var writer = await connection.BeginBinaryImportAsync(Copy, ct);
        foreach (var line in lines.OrderBy(l => l.LineId, StringComparer.Ordinal))
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(line.LineId, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(line.EventId, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(line.Kind, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(line.BillingPeriod, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(line.ChargeClass, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(line.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(booked, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(line.Provider, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(line.Model, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(line.ServiceTier, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(line.Team, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(line.Workflow, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(line.Environment, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(line.CostCentreTagValue, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(line.RunId, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(line.RecordedBy, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(line.CatalogueKeys as string[] ?? [.. line.CatalogueKeys], NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await writer.WriteAsync(JsonSerializer.Serialize(line.Tags), NpgsqlDbType.Jsonb, ct);
            await writer.WriteAsync(LedgerProjection.ExtraDimensions(line, extraDimensions), NpgsqlDbType.Jsonb, ct);
            await writer.WriteAsync(line.Events, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(line.UnpricedEvents, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(line.InputTokens, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(line.OutputTokens, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(line.CacheReadTokens, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(line.CacheWriteTokens, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(line.ReasoningTokens, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(line.ListCostUsd, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(line.EffectiveCostUsd, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(line.BilledCostUsd, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(line.ReportedCostUsd is null ? 0L : 1L, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(line.ReportedCostUsd ?? 0m, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(line.BilledDriftUsd ?? 0m, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(line.Priced, NpgsqlDbType.Boolean, ct);
            await WriteNullableAsync(writer, line.PriceReference, ct);
            await WriteNullableAsync(writer, line.DiscountReference, ct);
            var parts = line.ListCostByTokenType;
            await writer.WriteAsync(parts.UncachedInput, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(parts.CacheRead, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(parts.CacheWrite, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(parts.Output, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(parts.Reasoning, NpgsqlDbType.Numeric, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? text, CancellationToken ct)
    {
        if (text is null) await writer.WriteNullAsync(ct);
        else await writer.WriteAsync(text, NpgsqlDbType.Text, ct);
    }
}
