using AiFinOps.Budgeting.Budgets;

namespace AiFinOps.Budgeting.Alerts;

/// <summary>
/// A budget's spend in one period reached one of its thresholds. Appended once per threshold per budget per period,
/// to the stream <c>alerts:{budget}:{period}</c>; <see cref="AlertId"/> is derived from exactly that triple.
/// </summary>
public sealed record ThresholdCrossed(
    Guid AlertId,
    string BudgetId,
    string BudgetName,
    string Scope,
    string Period,
    int ThresholdPercent,
    decimal SpentUsd,
    decimal BudgetUsd,
    DateTimeOffset CrossedAt,
    string Cause);

/// <summary>The thresholds a budget has crossed in one period: what keeps each alert to exactly one.</summary>
public sealed record BudgetPeriodAlerts(string Id, IReadOnlyList<int> Crossed)
{
    public const string CauseSpend = "spend";
    public const string CauseAmendment = "amendment";
    public const string CauseDefinition = "definition";

    public static string StreamKey(string budgetId, string period) => $"alerts:{budgetId}:{period}";

    public static BudgetPeriodAlerts Create(ThresholdCrossed e) => new(StreamKey(e.BudgetId, e.Period), [e.ThresholdPercent]);

    public BudgetPeriodAlerts Apply(ThresholdCrossed e) => this with { Crossed = [.. Crossed, e.ThresholdPercent] };

    /// <summary>
    /// The thresholds that <paramref name="spentUsd"/> reaches and this period has not alerted yet, lowest first. A
    /// threshold once crossed stays crossed for the period: spend that falls back and rises again, or an amendment
    /// that raises the amount, never raises it twice. Archived budgets raise nothing.
    /// </summary>
    public static IReadOnlyList<ThresholdCrossed> Decide(BudgetPeriodAlerts? state, Budget budget, string period,
        decimal spentUsd, DateTimeOffset now, string cause)
    {
        if (budget.Archived || string.CompareOrdinal(period, budget.FirstPeriod) < 0) return [];
        var crossed = state?.Crossed ?? [];
        return budget.Terms.Thresholds
            .Where(t => spentUsd >= budget.Terms.SpendAt(t) && !crossed.Contains(t))
            .Select(t => new ThresholdCrossed(AlertIdOf(budget.Id, period, t), budget.Id, budget.Terms.Name,
                budget.Terms.Scope.ToString(), period, t, spentUsd, budget.Terms.AmountUsd, now, cause))
            .ToList();
    }

    /// <summary>The lowest threshold not crossed yet is above this spend: nothing to decide, no stream to read.</summary>
    public static bool BelowEveryThreshold(Budget budget, decimal spentUsd) =>
        budget.Terms.Thresholds.Count == 0 || spentUsd < budget.Terms.SpendAt(budget.Terms.Thresholds[0]);

    /// <summary>One id per (budget, period, threshold): the idempotency key subscribers see as the message id.</summary>
    public static Guid AlertIdOf(string budgetId, string period, int thresholdPercent) =>
        AlertIds.Derive($"{budgetId}|{period}|{thresholdPercent}");
}
