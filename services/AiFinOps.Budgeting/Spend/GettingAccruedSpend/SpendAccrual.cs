using Marten;
using Marten.Events.Aggregation;

namespace AiFinOps.Budgeting.Spend.GettingAccruedSpend;

/// <summary>
/// One accrued call as a row to sum over, written inline with its stream, so the per-team × month totals are one SQL
/// aggregation, never a total updated in place. The columns the read filters on are duplicated out of the JSON (and
/// indexed); the costs it sums stay in the JSON, where they cost no index.
/// </summary>
public sealed record SpendAccrual(
    string Id,
    string Team,
    string Month,
    DateTimeOffset OccurredAt,
    string Workflow,
    string Environment,
    string Provider,
    string Model,
    decimal? ListCostUsd,
    decimal? EffectiveCostUsd)
{
    public const string Table = "mt_doc_spend_accrual";

    public static void Configure(StoreOptions options) =>
        options.Schema.For<SpendAccrual>()
            .DocumentAlias("spend_accrual")
            .Duplicate(x => x.Month)
            .Duplicate(x => x.Team);
}

public sealed partial class SpendAccrualProjection : SingleStreamProjection<SpendAccrual, string>
{
    public SpendAccrual Create(SpendAccrued e) => new(
        SpendAccrued.StreamKey(e.EventId), e.Team, CalendarMonth.Of(e.OccurredAt).ToString(), e.OccurredAt,
        e.Workflow, e.Environment, e.Provider, e.Model, e.ListCostUsd, e.EffectiveCostUsd);
}
