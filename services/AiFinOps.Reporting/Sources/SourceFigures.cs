namespace AiFinOps.Reporting.Sources;

/// <summary>A cost centre's effective cost in a billing period, from allocation's chargeback statement.</summary>
public sealed record CostCentreCharge(string CostCentre, decimal EffectiveCostUsd, long Events);

/// <summary>What allocation's data-quality read says about a period: tag coverage of spend and unpriced calls.</summary>
public sealed record DataQualityFigures(
    decimal? TeamSpendPercent,
    decimal? WorkflowSpendPercent,
    decimal? EnvironmentSpendPercent,
    decimal? AllThreeSpendPercent,
    long Events,
    long UnpricedEvents,
    decimal? UnpricedEventsPercent,
    IReadOnlyList<UnpricedModel> UnpricedModels);

public sealed record UnpricedModel(string Provider, string Model, long UnpricedEvents);

/// <summary>A budget and where it stood in a period, from budgeting's status read.</summary>
public sealed record BudgetFigures(
    string BudgetId,
    string Name,
    string Scope,
    string Period,
    decimal AmountUsd,
    decimal SpentUsd,
    decimal PercentUsed,
    IReadOnlyList<int> ThresholdsCrossed);

/// <summary>An anomaly incident opened in the period, from the anomaly service's history.</summary>
public sealed record AnomalyFigures(
    Guid Id,
    string Kind,
    string Workflow,
    string Team,
    string Severity,
    string Status,
    string Title,
    DateTimeOffset OpenedAt);

/// <summary>A workflow of the anomaly service's registry: owner, cost estimate, value unit and launch date.</summary>
public sealed record RegisteredWorkflow(
    string Name,
    string OwnerTeam,
    string ValueUnit,
    decimal? EstimatedMonthlyCostUsd,
    DateOnly? LaunchDate,
    DateTimeOffset RegisteredAt,
    bool Retired);

/// <summary>A model's standard-tier list rates from the price catalogue, USD per million tokens.</summary>
public sealed record ModelRates(string Provider, string Model, decimal Input, decimal Output, decimal? CacheRead, decimal? CacheWrite, decimal? Reasoning)
{
    public string Key => $"{Provider}/{Model}";
}
