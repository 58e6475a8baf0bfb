using AiFinOps.Budgeting.Alerts;
using AiFinOps.Budgeting.Alerts.Forecasting;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Contracts.Messages;
using Marten;
using Npgsql;

namespace AiFinOps.Budgeting.Spend.RecordingSpend;

/// <summary>What one message accrued: new usages, and the alerts raised.</summary>
public sealed record SpendRecorded(int Accrued, RaisedAlerts Alerts);

/// <summary>
/// Accrues a batch of usage exactly once, in one transaction: the usages not accrued yet (their event id is the
/// primary key of <c>accrued_events</c>; a redelivered or concurrent duplicate inserts nothing), their sums added to
/// <c>accrued_spend</c>, their effective cost added to every matching budget's period spend and its workflow and model
/// contributors, and the alerts that spend
/// raises (<see cref="BudgetPeriodAlerting"/>: thresholds crossed, a forecast above the budget).
/// </summary>
public static class RecordSpend
{
    public static Task<SpendRecorded> HandleAsync(NpgsqlDataSource database, IDocumentStore store,
        IReadOnlyList<PricedUsage> usages, DateTimeOffset now, ForecastPolicy forecast, CancellationToken cancellationToken) =>
        HandleAsync(database, store, usages.Select(AccruedUsage.From).ToList(), BudgetPeriodAlerts.CauseSpend, now, forecast, cancellationToken);

    /// <summary>The same for usage already mapped (re-pricing differences too); <paramref name="cause"/> is the alerts' cause.</summary>
    public static async Task<SpendRecorded> HandleAsync(NpgsqlDataSource database, IDocumentStore store,
        IReadOnlyList<AccruedUsage> usages, string cause, DateTimeOffset now, ForecastPolicy forecast, CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AccrualLock.ShareAsync(connection, transaction, cancellationToken);

        var candidates = usages.DistinctBy(u => u.EventId, StringComparer.Ordinal).ToList();
        var accrued = await SpendStore.InsertNewAsync(connection, transaction, schema, candidates, cancellationToken);
        if (accrued.Count == 0) return new SpendRecorded(0, default);
        await SpendStore.AddToAccruedSpendAsync(connection, transaction, schema, AccruedSpendRollup.Of(accrued), cancellationToken);

        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        var budgets = await session.Query<Budget>().Where(b => !b.Archived).ToListAsync(cancellationToken);
        var index = new BudgetIndex(budgets);
        var totals = await SpendStore.AddAsync(connection, transaction, schema, BudgetAccrual.Deltas(index, accrued), now, cancellationToken);
        // After the rows above are locked: whoever writes a budget-period's contributors holds its spend row.
        await SpendContributors.AddAsync(connection, transaction, schema, BudgetAccrual.Contributions(index, accrued), cancellationToken);

        var alerts = default(RaisedAlerts);
        var byId = budgets.ToDictionary(b => b.Id);
        foreach (var (budgetId, period, spent) in totals)
        {
            if (!BudgetPeriodAlerting.MayRaise(byId[budgetId], period, spent, now, forecast)) continue;
            // Read again under the row lock: an amendment committed since the list above is what counts now.
            var budget = await session.LoadAsync<Budget>(budgetId, cancellationToken) ?? byId[budgetId];
            alerts += await BudgetPeriodAlerting.RaiseAsync(session, transaction, budget, period, spent, now,
                cause, forecast, cancellationToken);
        }
        await session.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SpendRecorded(accrued.Count, alerts);
    }
}
