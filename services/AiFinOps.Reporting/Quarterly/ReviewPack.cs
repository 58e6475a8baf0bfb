using AiFinOps.Reporting.Maturity;
using AiFinOps.Reporting.Monthly;
using AiFinOps.Reporting.Reviews;

namespace AiFinOps.Reporting.Quarterly;

/// <summary>
/// The quarterly review pack: the quarter's spend by workflow, the <see cref="ReviewPacking.TopWorkflows"/> costliest
/// workflows each with the three review questions answered from data, the decisions recorded so far, and the maturity
/// assessment. Costs are effective cost in USD from allocation for the UTC quarter; "what it would cost" figures are
/// list prices from the catalogue for the same token mix.
/// </summary>
public sealed record ReviewPack(
    string Quarter,
    DateTimeOffset From,
    DateTimeOffset To,
    string PreviousQuarter,
    SpendChange Total,
    IReadOnlyList<SpendBreakdown> ByWorkflow,
    IReadOnlyList<WorkflowReview> TopWorkflows,
    IReadOnlyList<ReviewDecisionRecorded> Decisions,
    MaturityAssessment Maturity);

/// <summary>One of the costliest workflows, its three questions answered, and the findings in words.</summary>
public sealed record WorkflowReview(
    int Rank,
    string Workflow,
    decimal CostUsd,
    decimal SharePercent,
    long Calls,
    ValueAnswer Value,
    CheaperModelAnswer CheaperModel,
    EfficiencyAnswer Efficiency,
    IReadOnlyList<string> Findings);

/// <summary>(1) Value: cost against the units delivered, per month; flagged when it spent but recorded no outcomes.</summary>
public sealed record ValueAnswer(bool SpendWithoutOutcomes, IReadOnlyList<QuarterUnitCost> Units);

public sealed record QuarterUnitCost(string Unit, double Units, decimal? CostPerUnitUsd, IReadOnlyList<UnitCostPoint> Trend);

/// <summary>
/// (2) Cheaper model: for each model the workflow used, its token mix and list cost, and what the same mix would have
/// cost on each cheaper model of the catalogue (same provider and others), with the saving; <see cref="BestSavingUsd"/>
/// sums the best alternative of each model used.
/// </summary>
public sealed record CheaperModelAnswer(IReadOnlyList<ModelMix> ModelsUsed, IReadOnlyList<ModelAlternative> Alternatives, decimal BestSavingUsd);

public sealed record ModelMix(string Model, long Calls, decimal ListCostUsd, decimal EffectiveCostUsd, long InputTokens, long CacheReadTokens,
    long CacheWriteTokens, long OutputTokens, long ReasoningTokens);

public sealed record ModelAlternative(string FromModel, string ToModel, bool SameProvider, decimal CostUsd, decimal SavingUsd, decimal SavingPercent);

/// <summary>
/// (3) Efficiency: cache opportunity (share of calls repeating a prompt fingerprint, the cache-read share of input today,
/// the saving if that share hit the cache at <see cref="AssumedHitRatePercent"/>), output limits (calls without
/// <c>max_output_tokens</c>, output-length distribution, output per call by month and what its growth costs) and the
/// prompt size trend (input per call by month; a compression candidate when it grew).
/// </summary>
public sealed record EfficiencyAnswer(
    long ProfiledCalls,
    decimal? RepeatedPromptPercent,
    decimal? CacheReadPercent,
    decimal? AssumedHitRatePercent,
    decimal? CacheSavingUsd,
    long CallsWithoutOutputLimit,
    decimal? WithoutOutputLimitPercent,
    IReadOnlyList<OutputLengthCalls> OutputLengths,
    IReadOnlyList<TokensPerCall> ByMonth,
    decimal? OutputGrowth,
    decimal? ExtraOutputCostUsdPerMonth,
    decimal? PromptGrowth,
    bool CompressionCandidate);

public sealed record OutputLengthCalls(string Tokens, long Calls);

public sealed record TokensPerCall(string Month, long Calls, decimal? InputTokensPerCall, decimal? OutputTokensPerCall);
