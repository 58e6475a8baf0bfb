using Marten;
using Npgsql;

namespace AiFinOps.Allocation.Periods.ClosingPeriods;

/// <summary>
/// Work done in the very transaction that closes a billing period, while it holds the ledger alone (nothing is booked
/// meanwhile): e.g. freezing the period's chargeback statement. <paramref name="before"/> is the calendar before the
/// closing; events go to <paramref name="session"/>, which the closing saves and commits.
/// </summary>
public interface IPeriodClosingStep
{
    Task OnClosingAsync(BillingCalendar before, BillingPeriodClosed closed, IDocumentSession session,
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
