using AiFinOps.Budgeting.Budgets;
using Marten;

namespace AiFinOps.Budgeting.Alerts;

/// <summary>
/// Raises a budget-period's new threshold alerts inside the caller's transaction, which must hold the period's
/// <c>budget_period_spend</c> row lock: the alert stream is read and appended at its expected version (a second writer
/// that somehow got past the lock fails on Marten's optimistic concurrency and its message is retried).
/// </summary>
public static class ThresholdAlerts
{
    public static async Task<int> RaiseAsync(IDocumentSession session, Budget budget, string period, decimal spentUsd,
        DateTimeOffset now, string cause, CancellationToken cancellationToken)
    {
        if (budget.Archived || BudgetPeriodAlerts.BelowEveryThreshold(budget, spentUsd)) return 0;
        var stream = await session.Events.FetchForWriting<BudgetPeriodAlerts>(BudgetPeriodAlerts.StreamKey(budget.Id, period), cancellationToken);
        var crossed = BudgetPeriodAlerts.Decide(stream.Aggregate, budget, period, spentUsd, now, cause);
        foreach (var e in crossed)
        {
            stream.AppendOne(e);
            session.Store(BudgetAlert.Of(e, budget));
        }
        return crossed.Count;
    }
}
