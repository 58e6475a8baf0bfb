using AiFinOps.Allocation.CostCentres;
using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Ledger.ClosingDays;
using AiFinOps.Allocation.Periods;
using AiFinOps.Allocation.SharedCosts;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFinOps.Allocation.Chargeback;

/// <summary>The rules a statement is allocated with.</summary>
public sealed record AllocationRules(IReadOnlyList<CostCentreMapping> CostCentres, IReadOnlyList<SharedCostSource> SharedCosts);

/// <summary>
/// A billing period's charges, allocated from the statement rollup (<c>WHERE billing_period = …</c>: one plain read of
/// the closed days' rows, already at the statement's grain, never the ledger lines; only the open days' hourly rows are
/// grouped) with the given rules.
/// </summary>
public sealed class PeriodCharges(IOptions<AllocationOptions> options)
{
    private static readonly string Schema = AllocationModule.Schema;

    public static async Task<AllocationRules> CurrentRulesAsync(IQuerySession session, CancellationToken ct) =>
        new(await session.Query<CostCentreMapping>().ToListAsync(ct), await session.Query<SharedCostSource>().ToListAsync(ct));

    /// <summary>
    /// The rules as they were recorded when a period closed: every rule stream folded up to the event store's own
    /// timestamp of the closing (the database's clock, which also stamped the rule events). For periods closed before
    /// statements were frozen on close.
    /// </summary>
    public static async Task<AllocationRules> RulesWhenClosedAsync(IQuerySession session, BillingPeriodClosed closing, CancellationToken ct)
    {
        var calendar = await session.Events.FetchStreamAsync(BillingCalendar.StreamKey, token: ct);
        var instant = calendar.FirstOrDefault(e => e.Data is BillingPeriodClosed c && c.Period == closing.Period)?.Timestamp ?? closing.ClosedAt;
        var current = await CurrentRulesAsync(session, ct);
        var costCentres = new List<CostCentreMapping>();
        foreach (var mapping in current.CostCentres)
        {
            if (await session.Events.AggregateStreamAsync<CostCentreMapping>(mapping.Id, timestamp: instant, token: ct) is { } then) costCentres.Add(then);
        }
        var sharedCosts = new List<SharedCostSource>();
        foreach (var source in current.SharedCosts)
        {
            if (await session.Events.AggregateStreamAsync<SharedCostSource>(source.Id, timestamp: instant, token: ct) is { } then) sharedCosts.Add(then);
        }
        return new AllocationRules(costCentres, sharedCosts);
    }

    public async Task<IReadOnlyList<Charge>> AllocateAsync(BillingPeriod period, AllocationRules rules, NpgsqlConnection connection,
        NpgsqlTransaction? transaction, CancellationToken ct)
    {
        var costCentres = new CostCentreResolution(rules.CostCentres, options.Value.ExtraDimensions);
        var spend = await ReadAsync(period, costCentres.RuledExtraDimensions, connection, transaction, ct);
        return ChargeAllocation.Allocate(spend, costCentres, new SharedCostBook(rules.SharedCosts));
    }

    /// <summary>
    /// The period's statement rollup rows as they are (and its open days' hourly rows summed per day: <see
    /// cref="LedgerTables.EveryStatementDay"/>); rows that differ only in tag
    /// dimensions no rule maps are summed by <see cref="DailySpendTally"/> as they stream in.
    /// </summary>
    private async Task<IReadOnlyList<DailySpend>> ReadAsync(BillingPeriod period, IReadOnlyList<string> extra,
        NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        const int keys = 8;
        var extraColumns = string.Concat(extra.Select((_, i) => $", coalesce(extra ->> @x{i}, '')"));
        await using var snapshot = transaction is null ? await ClosedDays.BeginSnapshotAsync(connection, ct) : null;
        transaction ??= snapshot;
        await using var command = new NpgsqlCommand($"""
            SELECT bucket, charge_class, team, workflow, environment, provider, model, cost_centre_tag{extraColumns},
                   list_cost_usd, effective_cost_usd, billed_cost_usd, events, unpriced_events,
                   input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens
            FROM {LedgerTables.EveryStatementDay(Schema)} AS every_day
            WHERE billing_period = @period
            """, connection, transaction);
        command.Parameters.AddWithValue("period", period.ToString());
        for (var i = 0; i < extra.Count; i++) command.Parameters.AddWithValue($"x{i}", extra[i]);
        await ClosedDays.AddClosedThroughAsync(command, connection, transaction!, ct);

        var tally = new DailySpendTally(new StatementDays(period, options.Value.Zone), extra);
        var values = new string[extra.Count];
        var n = keys + extra.Count;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            for (var i = 0; i < extra.Count; i++) values[i] = reader.GetString(keys + i);
            var grain = new DailySpendTally.Grain(reader.GetDateTime(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), DailySpendTally.JoinExtra(values));
            tally.Add(grain, reader.GetDecimal(n), reader.GetDecimal(n + 1), reader.GetDecimal(n + 2), reader.GetInt64(n + 3),
                reader.GetInt64(n + 4), reader.GetInt64(n + 5), reader.GetInt64(n + 6), reader.GetInt64(n + 7),
                reader.GetInt64(n + 8), reader.GetInt64(n + 9));
        }
        return tally.Spend();
    }
}
