using AiFinOps.Budgeting.Alerts.Forecasting;
using AiFinOps.Budgeting.Budgets;
using AiFinOps.Budgeting.Budgets.OrgMonthlySpend;
using AiFinOps.Budgeting.Spend;

namespace AiFinOps.Budgeting.Alerts;

/// <summary>
/// An alert as the history shows it and the publisher sends it: stored in the same transaction as its event
/// (<see cref="ThresholdCrossed"/> or <see cref="ForecastExceeded"/>), so none is ever lost, with everything its message
/// says (forecast, top contributors) fixed then, so every resend says the same. <see cref="PublishedAt"/> is set once
/// the broker confirmed it, the acknowledgement when someone answered for it; both by patch, so neither overwrites the other.
/// </summary>
public sealed record BudgetAlert
{
    public required Guid Id { get; init; }
    /// <summary>One of <see cref="AlertKinds"/>; alerts stored before kinds existed are threshold alerts.</summary>
    public string Kind { get; init; } = AlertKinds.Threshold;
    public required string BudgetId { get; init; }
    public required string BudgetName { get; init; }
    public required BudgetScope Scope { get; init; }
    public required string Period { get; init; }
    /// <summary>The threshold crossed; null for a forecast alert.</summary>
    public int? ThresholdPercent { get; init; }
    public required decimal SpentUsd { get; init; }
    public required decimal BudgetUsd { get; init; }
    public required decimal PercentUsed { get; init; }
    /// <summary>The projected period-end spend when the alert was raised (null before the forecast's minimum elapsed share).</summary>
    public decimal? ForecastUsd { get; init; }
    /// <summary>For a repeated forecast alert: the projection the previous one alerted.</summary>
    public decimal? PreviousForecastUsd { get; init; }
    public decimal? BurnRateUsdPerDay { get; init; }
    /// <summary>When the alert was raised: the threshold crossed, or the projection exceeded the budget.</summary>
    public required DateTimeOffset CrossedAt { get; init; }
    public required string Cause { get; init; }
    public required string Owner { get; init; }
    public IReadOnlyList<string> Recipients { get; init; } = [];
    public IReadOnlyList<SpendContributor> TopWorkflows { get; init; } = [];
    public IReadOnlyList<SpendContributor> TopModels { get; init; } = [];
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    /// <summary>The name of the API key that acknowledged it.</summary>
    public string? AcknowledgedBy { get; init; }
    public string? AcknowledgementNote { get; init; }

    public static BudgetAlert Of(ThresholdCrossed e, Budget budget, AlertFigures figures) => new()
    {
        Id = e.AlertId,
        Kind = OrgMonthlySpendBudget.Is(e.BudgetId) ? AlertKinds.OrgMonthlySpend : AlertKinds.Threshold,
        BudgetId = e.BudgetId,
        BudgetName = e.BudgetName,
        Scope = budget.Terms.Scope,
        Period = e.Period,
        ThresholdPercent = e.ThresholdPercent,
        SpentUsd = e.SpentUsd,
        BudgetUsd = e.BudgetUsd,
        PercentUsed = Math.Round(e.SpentUsd / e.BudgetUsd * 100m, 2),
        ForecastUsd = figures.Forecast?.ProjectedUsd,
        BurnRateUsdPerDay = figures.Forecast?.BurnRateUsdPerDay,
        CrossedAt = e.CrossedAt,
        Cause = e.Cause,
        Owner = budget.Terms.Owner,
        Recipients = budget.Terms.Recipients,
        TopWorkflows = figures.TopWorkflows,
        TopModels = figures.TopModels,
    };

    public static BudgetAlert Of(ForecastExceeded e, Budget budget, AlertFigures figures) => new()
    {
        Id = e.AlertId,
        Kind = AlertKinds.Forecast,
        BudgetId = e.BudgetId,
        BudgetName = e.BudgetName,
        Scope = budget.Terms.Scope,
        Period = e.Period,
        SpentUsd = e.SpentUsd,
        BudgetUsd = e.BudgetUsd,
        PercentUsed = Math.Round(e.SpentUsd / e.BudgetUsd * 100m, 2),
        ForecastUsd = e.ForecastUsd,
        PreviousForecastUsd = e.PreviousForecastUsd,
        BurnRateUsdPerDay = e.BurnRateUsdPerDay,
        CrossedAt = e.RaisedAt,
        Cause = e.Cause,
        Owner = budget.Terms.Owner,
        Recipients = budget.Terms.Recipients,
        TopWorkflows = figures.TopWorkflows,
        TopModels = figures.TopModels,
    };
}

/// <summary>What every alert of a budget-period raised together reports besides its own event: the forecast then and the top contributors.</summary>
public sealed record AlertFigures(SpendForecast? Forecast, IReadOnlyList<SpendContributor> TopWorkflows, IReadOnlyList<SpendContributor> TopModels);
