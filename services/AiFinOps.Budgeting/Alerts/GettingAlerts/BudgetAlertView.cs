using AiFinOps.Budgeting.Spend;

namespace AiFinOps.Budgeting.Alerts.GettingAlerts;

/// <summary>An alert as the history shows it: <see cref="Kind"/> says which rule raised it; threshold alerts name the threshold.</summary>
public sealed record BudgetAlertView(
    Guid AlertId,
    string Kind,
    string BudgetId,
    string BudgetName,
    string Scope,
    string Period,
    int? ThresholdPercent,
    decimal SpentUsd,
    decimal BudgetUsd,
    decimal PercentUsed,
    decimal? ForecastUsd,
    DateTimeOffset CrossedAt,
    string Cause,
    IReadOnlyList<SpendContributor> TopWorkflows,
    IReadOnlyList<SpendContributor> TopModels,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    string? AcknowledgementNote)
{
    public static BudgetAlertView Of(BudgetAlert a) => new(a.Id, a.Kind, a.BudgetId, a.BudgetName, a.Scope.ToString(), a.Period,
        a.ThresholdPercent, a.SpentUsd, a.BudgetUsd, a.PercentUsed, a.ForecastUsd, a.CrossedAt, a.Cause, a.TopWorkflows, a.TopModels,
        a.PublishedAt, a.AcknowledgedAt, a.AcknowledgedBy, a.AcknowledgementNote);
}
