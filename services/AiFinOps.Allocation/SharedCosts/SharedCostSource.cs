using AiFinOps.Allocation.Rules;

namespace AiFinOps.Allocation.SharedCosts;

/// <summary>A team that bears part of a shared cost; <see cref="Percent"/> only with <see cref="SplitMethods.Fixed"/>.</summary>
public sealed record SharedCostConsumer(string Team, decimal? Percent = null);

/// <summary>
/// One rule: the spend of a workflow or a team (<see cref="SourceDimension"/> = <see cref="SourceValue"/>) on the days
/// of <see cref="Dates"/> is shared among <see cref="Consumers"/> by <see cref="Method"/>. No consumers listed: every
/// team with spend of its own in the billing period.
/// </summary>
public sealed record SharedCostRule(
    string Id,
    string SourceDimension,
    string SourceValue,
    string Method,
    IReadOnlyList<SharedCostConsumer> Consumers,
    EffectiveDates Dates,
    string RecordedBy,
    DateTimeOffset RecordedAt)
{
    /// <summary>How the statement labels the lines this rule makes, e.g. <c>workflow:platform-router</c>.</summary>
    public string Source => $"{SourceDimension}:{SourceValue}";
}

public static class SplitMethods
{
    /// <summary>In proportion to each consumer's own spend (effective cost) in the billing period.</summary>
    public const string Proportional = "proportional";
    public const string Even = "even";
    /// <summary>Fixed percentages that sum to 100.</summary>
    public const string Fixed = "fixed";

    public static readonly IReadOnlyList<string> All = [Proportional, Even, Fixed];
}

/// <summary>A shared-cost rule was defined.</summary>
public sealed record SharedCostRuleDefined(SharedCostRule Rule);

/// <summary>A rule's method, consumers or dates were replaced (the rule keeps its id).</summary>
public sealed record SharedCostRuleAmended(SharedCostRule Rule);

/// <summary>A rule stops applying from a day on.</summary>
public sealed record SharedCostRuleEnded(string RuleId, DateOnly EffectiveTo, string EndedBy, DateTimeOffset EndedAt);

/// <summary>Every sharing rule of one workflow or team, whose dates never overlap (stream key <see cref="StreamKey"/>, inline snapshot).</summary>
public sealed record SharedCostSource(string Id, string Dimension, string Value, IReadOnlyList<SharedCostRule> Rules)
{
    public static string StreamKey(string dimension, string value) => $"shared-cost-source:{dimension}:{value}";

    public static SharedCostSource Create(SharedCostRuleDefined e) =>
        new(StreamKey(e.Rule.SourceDimension, e.Rule.SourceValue), e.Rule.SourceDimension, e.Rule.SourceValue, [e.Rule]);

    public SharedCostSource Apply(SharedCostRuleDefined e) => this with { Rules = [.. Rules, e.Rule] };

    public SharedCostSource Apply(SharedCostRuleAmended e) =>
        this with { Rules = [.. Rules.Select(r => r.Id == e.Rule.Id ? e.Rule : r)] };

    public SharedCostSource Apply(SharedCostRuleEnded e) =>
        this with { Rules = [.. Rules.Select(r => r.Id == e.RuleId ? r with { Dates = r.Dates with { To = e.EffectiveTo } } : r)] };

    public SharedCostRule? On(DateOnly day) => Rules.FirstOrDefault(r => r.Dates.InForce(day));
}
