using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Ledger.ClosingDays;
using AiFinOps.Allocation.Periods;
using AiFinOps.Allocation.Periods.ClosingPeriods;
using Marten;
using Npgsql;

namespace AiFinOps.Allocation.Chargeback.Freezing;

/// <summary>
/// Freezes a period's chargeback statement in the transaction that closes it: its charges, allocated with the rules
/// recorded at that moment, become a <see cref="ChargebackStatementFrozen"/> event. The first closing ever also closes
/// every earlier period, so it freezes those that have spend too.
/// </summary>
public sealed class FreezeStatementOnClose(PeriodCharges charges) : IPeriodClosingStep
{
    public async Task OnClosingAsync(BillingCalendar before, BillingPeriodClosed closed, IDocumentSession session,
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var rules = await PeriodCharges.CurrentRulesAsync(session, cancellationToken);
        IReadOnlyList<string> periods = before.ClosedThrough is null
            ? await PeriodsWithSpendThroughAsync(closed.Period, connection, transaction, cancellationToken)
            : [closed.Period];
        foreach (var period in periods.Append(closed.Period).Distinct())
        {
            if (!BillingPeriod.TryParse(period, out var billingPeriod)) continue;
            var frozen = await charges.AllocateAsync(billingPeriod, rules, connection, transaction, cancellationToken);
            session.Events.StartStream<FrozenStatement>(FrozenStatement.StreamKey(period),
                new ChargebackStatementFrozen(period, closed.ClosedAt, closed.ClosedBy, frozen));
        }
    }

    private static async Task<IReadOnlyList<string>> PeriodsWithSpendThroughAsync(string period, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT DISTINCT billing_period FROM {LedgerTables.EveryDay(AllocationModule.Schema)} AS every_day WHERE billing_period <= @period",
            connection, transaction);
        command.Parameters.AddWithValue("period", period);
        await ClosedDays.AddClosedThroughAsync(command, connection, transaction, cancellationToken); // the caller holds the ledger alone
        var periods = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) periods.Add(reader.GetString(0));
        return periods;
    }
}
