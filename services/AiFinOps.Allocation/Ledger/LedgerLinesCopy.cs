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

    /// <summary>Writes every line, in line-id order (the order the INSERT takes its key locks in).</summary>
    public static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<LedgerLine> lines, DateTimeOffset bookedAt,
        IReadOnlyList<string> extraDimensions, CancellationToken ct)
    {
        var booked = bookedAt.UtcDateTime;
        await using var writer = await connection.BeginBinaryImportAsync(Copy, ct);
        foreach (var line in lines.OrderBy(l => l.LineId, StringComparer.Ordinal))
        {
            await writer.StartRowAsync(ct);
            foreach (var text in new[] { line.LineId, line.EventId, line.Kind, line.BillingPeriod, line.ChargeClass })
                await writer.WriteAsync(text, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(line.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(booked, NpgsqlDbType.TimestampTz, ct);
            foreach (var text in new[] { line.Provider, line.Model, line.ServiceTier, line.Team, line.Workflow, line.Environment,
                         line.CostCentreTagValue, line.RunId, line.RecordedBy })
                await writer.WriteAsync(text, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(line.CatalogueKeys as string[] ?? [.. line.CatalogueKeys], NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await writer.WriteAsync(JsonSerializer.Serialize(line.Tags), NpgsqlDbType.Jsonb, ct);
            await writer.WriteAsync(LedgerProjection.ExtraDimensions(line, extraDimensions), NpgsqlDbType.Jsonb, ct);
            foreach (var count in new[] { line.Events, line.UnpricedEvents, line.InputTokens, line.OutputTokens, line.CacheReadTokens,
                         line.CacheWriteTokens, line.ReasoningTokens })
                await writer.WriteAsync(count, NpgsqlDbType.Bigint, ct);
            foreach (var usd in new[] { line.ListCostUsd, line.EffectiveCostUsd, line.BilledCostUsd })
                await writer.WriteAsync(usd, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(line.ReportedCostUsd is null ? 0L : 1L, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(line.ReportedCostUsd ?? 0m, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(line.BilledDriftUsd ?? 0m, NpgsqlDbType.Numeric, ct);
            await writer.WriteAsync(line.Priced, NpgsqlDbType.Boolean, ct);
            await WriteNullableAsync(writer, line.PriceReference, ct);
            await WriteNullableAsync(writer, line.DiscountReference, ct);
            var parts = line.ListCostByTokenType;
            foreach (var usd in new[] { parts.UncachedInput, parts.CacheRead, parts.CacheWrite, parts.Output, parts.Reasoning })
                await writer.WriteAsync(usd, NpgsqlDbType.Numeric, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? text, CancellationToken ct)
    {
        if (text is null) await writer.WriteNullAsync(ct);
        else await writer.WriteAsync(text, NpgsqlDbType.Text, ct);
    }
}
