using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Periods;
using Npgsql;

namespace AiFinOps.Allocation.Focus;

/// <summary>
/// Reads a billing period's daily rollup rows one at a time, in a stable order, from <c>spend_daily</c> — never the
/// ledger lines — so a month of ten million calls is the few hundred thousand rows it rolls up to, streamed.
/// </summary>
public sealed class FocusChargeReader(NpgsqlDataSource database)
{
    private static readonly string Key = string.Join(", ", LedgerTables.RollupKey);

    public async IAsyncEnumerable<RollupRow> ReadAsync(BillingPeriod period, IReadOnlyList<string> onlyTeams,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT bucket, billing_period, charge_class, team, workflow, environment, provider, model, service_tier,
                   cost_centre_tag, extra::text, events, unpriced_events, input_tokens, output_tokens, cache_read_tokens,
                   cache_write_tokens, reasoning_tokens, list_cost_usd, effective_cost_usd, billed_cost_usd, reported_events,
                   reported_cost_usd, billed_drift_usd, {string.Join(", ", LedgerTables.ListCostByTokenType)}
            FROM {AllocationModule.Schema}.{LedgerTables.Daily}
            WHERE billing_period = @period AND (cardinality(@teams::text[]) = 0 OR team = ANY(@teams))
            ORDER BY bucket, {Key}
            """, connection);
        command.Parameters.AddWithValue("period", period.ToString());
        command.Parameters.AddWithValue("teams", onlyTeams.ToArray());

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new RollupKey(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9),
                reader.GetString(10));
            var sums = new RollupSums(
                Events: reader.GetInt64(11), UnpricedEvents: reader.GetInt64(12), InputTokens: reader.GetInt64(13),
                OutputTokens: reader.GetInt64(14), CacheReadTokens: reader.GetInt64(15), CacheWriteTokens: reader.GetInt64(16),
                ReasoningTokens: reader.GetInt64(17), ListCostUsd: reader.GetDecimal(18), EffectiveCostUsd: reader.GetDecimal(19),
                BilledCostUsd: reader.GetDecimal(20), ReportedEvents: reader.GetInt64(21), ReportedCostUsd: reader.GetDecimal(22),
                BilledDriftUsd: reader.GetDecimal(23),
                ListCostByTokenType: new CostByTokenType(reader.GetDecimal(24), reader.GetDecimal(25), reader.GetDecimal(26),
                    reader.GetDecimal(27), reader.GetDecimal(28)));
            yield return new RollupRow(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), key, sums);
        }
    }
}
