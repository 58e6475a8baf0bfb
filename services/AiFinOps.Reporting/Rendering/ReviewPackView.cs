using System.Globalization;
using AiFinOps.Reporting.Quarterly;
using AiFinOps.Reporting.Storing;
using static AiFinOps.Reporting.Rendering.MonthlyReportView;

namespace AiFinOps.Reporting.Rendering;

/// <summary>Pure: a review pack as headline figures, charts and tables.</summary>
public static class ReviewPackView
{
    public static ReportView Of(StoredReport stored, ReviewPack p) => new(
        $"Quarterly AI review pack {p.Quarter}",
        $"{p.From:yyyy-MM-dd} to {p.To.AddDays(-1):yyyy-MM-dd} (UTC), effective cost in USD · version {stored.Version}, generated {stored.GeneratedAt:yyyy-MM-dd HH:mm} UTC",
        [
            ("Quarter's spend", Html.Usd(p.Total.CostUsd)),
            ($"Change on {p.PreviousQuarter}", Html.Signed(p.Total.ChangeUsd)),
            ("Largest saving found, top workflows", Html.Usd(p.TopWorkflows.Sum(LargestSaving))),
            ("Maturity", $"{p.Maturity.Level} (next: {p.Maturity.NextLevel})"),
        ],
        [
            new("Spend by workflow", false, p.ByWorkflow.Where(w => w.CostUsd > 0).Take(10).Select(w => (w.Name, w.CostUsd)).ToList()),
            new("Largest saving found per top workflow (cheaper model or cache, whichever saves more)", false,
                p.TopWorkflows.Select(w => (w.Workflow, LargestSaving(w))).ToList()),
        ],
        Tables(p));

    /// <summary>The levers overlap (a cheaper model also cheapens what caching saves): the larger one, not their sum.</summary>
    public static decimal LargestSaving(WorkflowReview w) => Math.Max(w.CheaperModel.BestSavingUsd, w.Efficiency.CacheSavingUsd ?? 0);

    public static IReadOnlyList<ReportTable> Tables(ReviewPack p) =>
    [
        new("summary", "Summary", ["metric", "value"],
        [
            ["quarter", p.Quarter], ["cost_usd", p.Total.CostUsd], ["previous_quarter", p.PreviousQuarter], ["previous_cost_usd", p.Total.PreviousCostUsd],
            ["change_usd", p.Total.ChangeUsd], ["change_percent", p.Total.ChangePercent], ["events", p.Total.Events],
        ]),
        new("by-workflow", "Spend by workflow", ["name", "cost_usd", "share_percent", "previous_cost_usd", "change_usd", "change_percent", "events"],
            p.ByWorkflow.Select(l => Row(l.Name, l.CostUsd, l.SharePercent, l.PreviousCostUsd, l.ChangeUsd, l.ChangePercent, l.Events)).ToList()),
        new("top-workflows", $"The {p.TopWorkflows.Count} costliest workflows", ["rank", "workflow", "cost_usd", "share_percent", "calls", "spend_without_outcomes",
                "best_model_saving_usd", "cache_saving_usd", "extra_output_cost_usd_per_month", "compression_candidate"],
            p.TopWorkflows.Select(w => Row(w.Rank, w.Workflow, w.CostUsd, w.SharePercent, w.Calls, w.Value.SpendWithoutOutcomes ? "yes" : "no",
                w.CheaperModel.BestSavingUsd, w.Efficiency.CacheSavingUsd, w.Efficiency.ExtraOutputCostUsdPerMonth, w.Efficiency.CompressionCandidate ? "yes" : "no")).ToList()),
        new("findings", "Findings", ["workflow", "finding"],
            p.TopWorkflows.SelectMany(w => w.Findings.Select(f => Row(w.Workflow, f))).ToList()),
        new("value", "(1) Value: unit cost per month", ["workflow", "unit", "month", "cost_usd", "units", "cost_per_unit_usd"],
            p.TopWorkflows.SelectMany(w => w.Value.Units.SelectMany(u => u.Trend.Select(t => Row(w.Workflow, u.Unit, t.Month, t.CostUsd, t.Units, t.CostPerUnitUsd)))).ToList()),
        new("models-used", "(2) Models used and their token mix", ["workflow", "model", "calls", "list_cost_usd", "effective_cost_usd", "input_tokens",
                "cache_read_tokens", "cache_write_tokens", "output_tokens", "reasoning_tokens"],
            p.TopWorkflows.SelectMany(w => w.CheaperModel.ModelsUsed.Select(m => Row(w.Workflow, m.Model, m.Calls, m.ListCostUsd, m.EffectiveCostUsd,
                m.InputTokens, m.CacheReadTokens, m.CacheWriteTokens, m.OutputTokens, m.ReasoningTokens))).ToList()),
        new("cheaper-models", "(2) Cheaper models for the same token mix (list prices)", ["workflow", "from_model", "to_model", "same_provider", "cost_usd",
                "saving_usd", "saving_percent"],
            p.TopWorkflows.SelectMany(w => w.CheaperModel.Alternatives.Select(a => Row(w.Workflow, a.FromModel, a.ToModel, a.SameProvider ? "yes" : "no",
                a.CostUsd, a.SavingUsd, a.SavingPercent))).ToList()),
        new("efficiency", "(3) Efficiency", ["workflow", "profiled_calls", "repeated_prompt_percent", "cache_read_percent", "assumed_hit_rate_percent",
                "cache_saving_usd", "calls_without_output_limit", "without_output_limit_percent", "output_growth", "prompt_growth"],
            p.TopWorkflows.Select(w => Row(w.Workflow, w.Efficiency.ProfiledCalls, w.Efficiency.RepeatedPromptPercent, w.Efficiency.CacheReadPercent,
                w.Efficiency.AssumedHitRatePercent, w.Efficiency.CacheSavingUsd, w.Efficiency.CallsWithoutOutputLimit, w.Efficiency.WithoutOutputLimitPercent,
                w.Efficiency.OutputGrowth, w.Efficiency.PromptGrowth)).ToList()),
        new("output-lengths", "(3) Output-length distribution", ["workflow", "output_tokens", "calls"],
            p.TopWorkflows.SelectMany(w => w.Efficiency.OutputLengths.Select(o => Row(w.Workflow, o.Tokens, o.Calls))).ToList()),
        new("tokens-per-call", "(3) Prompt and output size per call by month", ["workflow", "month", "calls", "input_tokens_per_call", "output_tokens_per_call"],
            p.TopWorkflows.SelectMany(w => w.Efficiency.ByMonth.Select(m => Row(w.Workflow, m.Month, m.Calls, m.InputTokensPerCall, m.OutputTokensPerCall))).ToList()),
        new("decisions", "Review decisions", ["decided_at", "workflow", "change", "description", "expected_monthly_saving_usd", "decided_by"],
            p.Decisions.Select(d => Row(d.DecidedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), d.Workflow, d.Change, d.Description,
                d.ExpectedMonthlySavingUsd, d.DecidedBy)).ToList()),
        new("maturity", $"Maturity: {p.Maturity.Level} (next: {p.Maturity.NextLevel})", ["level", "criterion", "evidence", "met"],
            p.Maturity.Criteria.Select(c => Row(c.Level, c.Criterion, c.Evidence, c.Met ? "yes" : "no")).ToList()),
        new("next-steps", $"Next steps to {p.Maturity.NextLevel}", ["step"], p.Maturity.NextSteps.Select(s => Row(s)).ToList()),
    ];
}
