using AiFinOps.Reporting.Maturity;
using AiFinOps.Reporting.Outcomes.GettingOutcomes;
using AiFinOps.Reporting.Periods;
using AiFinOps.Reporting.Reviews;
using AiFinOps.Reporting.Sources;
using AiFinOps.Reporting.Usage;

namespace AiFinOps.Reporting.Quarterly;

/// <summary>
/// Everything a review pack is computed from, as fetched. <see cref="Spend"/>: the quarter per workflow, provider, model
/// and month; <see cref="PreviousSpend"/>: the quarter before per workflow; <see cref="Profiles"/>: the per-call facts
/// reporting rolled up itself; <see cref="Catalogue"/>: every model's standard list rates.
/// </summary>
public sealed record ReviewPackInputs(
    ReportPeriod Quarter,
    IReadOnlyList<SpendRow> Spend,
    IReadOnlyList<SpendRow> PreviousSpend,
    IReadOnlyList<MonthlyOutcome> Outcomes,
    IReadOnlyList<CallProfile> Profiles,
    IReadOnlyList<ModelRates> Catalogue,
    IReadOnlyList<ReviewDecisionRecorded> Decisions,
    MaturityInputs Maturity);
