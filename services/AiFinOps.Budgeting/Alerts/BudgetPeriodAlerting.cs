using AiFinOps.Budgeting.Alerts.Forecasting;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Spend;
using Marten;
using Npgsql;

namespace AiFinOps.Budgeting.Alerts;

/// <summary>How many alerts of each kind a step raised.</summary>
public readonly record struct RaisedAlerts(int Thresholds, int Forecasts)
{
    public int Total => Thresholds + Forecasts;

    public static RaisedAlerts operator +(RaisedAlerts a, RaisedAlerts b) => new(a.Thresholds + b.Thresholds, a.Forecasts + b.Forecasts);
}

/// <summary>
/// Raises a budget-period's new alerts — thresholds crossed, then a forecast above the budget — inside the caller's
/// transaction, which must hold the period's <c>budget_period_spend</c> row lock. Each alert stream is read only when
/// its rule may fire, and appended at its expected version (a second writer that somehow got past the lock fails on
/// Marten's optimistic concurrency and its message is retried). The top contributors are read only when an alert is raised.
/// </summary>
public static class BudgetPeriodAlerting
{
    /// <summary>Whether any rule may fire at this spend: when not, accrual skips the budget-period without reading a stream.</summary>
    public static bool MayRaise(Budget budget, string period, decimal spentUsd, DateTimeOffset now, ForecastPolicy policy) =>
        !budget.Archived && (!BudgetPeriodAlerts.BelowEveryThreshold(budget, spentUsd)
                             || BudgetPeriodForecast.ProjectsOverBudget(budget, period, spentUsd, now, policy, out _));

    public static async Task<RaisedAlerts> RaiseAsync(IDocumentSession session, NpgsqlTransaction transaction, Budget budget,
        string period, decimal spentUsd, DateTimeOffset now, string cause, ForecastPolicy policy, CancellationToken cancellationToken)
    {
        if (budget.Archived) return default;

        var thresholds = BudgetPeriodAlerts.BelowEveryThreshold(budget, spentUsd)
            ? null
            : await session.Events.FetchForWriting<BudgetPeriodAlerts>(BudgetPeriodAlerts.StreamKey(budget.Id, period), cancellationToken);
        var crossed = thresholds is null ? [] : BudgetPeriodAlerts.Decide(thresholds.Aggregate, budget, period, spentUsd, now, cause);

        var forecasts = BudgetPeriodForecast.ProjectsOverBudget(budget, period, spentUsd, now, policy, out _)
            ? await session.Events.FetchForWriting<BudgetPeriodForecast>(BudgetPeriodForecast.StreamKey(budget.Id, period), cancellationToken)
            : null;
        var exceeded = forecasts is null ? null : BudgetPeriodForecast.Decide(forecasts.Aggregate, budget, period, spentUsd, now, policy, cause);

        if (crossed.Count == 0 && exceeded is null) return default;
        var (workflows, models) = await SpendContributors.TopAsync(transaction.Connection!, transaction,
            session.DocumentStore.Options.DatabaseSchemaName, budget.Id, period, cancellationToken);
        var figures = new AlertFigures(SpendForecast.Of(period, spentUsd, now, policy), workflows, models);
        foreach (var e in crossed)
        {
            thresholds!.AppendOne(e);
            session.Store(BudgetAlert.Of(e, budget, figures));
        }
        if (exceeded is not null)
        {
            forecasts!.AppendOne(exceeded);
            session.Store(BudgetAlert.Of(exceeded, budget, figures));
        }
        return new RaisedAlerts(crossed.Count, exceeded is null ? 0 : 1);
    }
}
