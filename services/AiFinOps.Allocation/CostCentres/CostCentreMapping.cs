using AiFinOps.Allocation.Rules;

namespace AiFinOps.Allocation.CostCentres;

/// <summary>
/// One rule: spend whose <see cref="Dimension"/> has <see cref="Value"/> (a team, a <c>cost_centre</c> tag value or
/// a value of a configured extra tag dimension) is charged to <see cref="CostCentre"/> on the days of <see cref="Dates"/>.
/// </summary>
public sealed record CostCentreRule(
    string Id,
    string Dimension,
    string Value,
    string CostCentre,
    EffectiveDates Dates,
    string RecordedBy,
    DateTimeOffset RecordedAt);

/// <summary>A rule was defined.</summary>
public sealed record CostCentreRuleDefined(CostCentreRule Rule);

/// <summary>A rule's cost centre or dates were replaced (the rule keeps its id).</summary>
public sealed record CostCentreRuleAmended(CostCentreRule Rule);

/// <summary>A rule stops applying from a day on.</summary>
public sealed record CostCentreRuleEnded(string RuleId, DateOnly EffectiveTo, string EndedBy, DateTimeOffset EndedAt);

/// <summary>
/// Every rule of one dimension value, whose dates never overlap (stream key <see cref="StreamKey"/>, inline snapshot):
/// one stream per value, so two concurrent rules for the same team cannot both pass the overlap check.
/// </summary>
public sealed record CostCentreMapping(string Id, string Dimension, string Value, IReadOnlyList<CostCentreRule> Rules)
{
    public static string StreamKey(string dimension, string value) => $"cost-centre-mapping:{dimension}:{value}";

    public static CostCentreMapping Create(CostCentreRuleDefined e) =>
        new(StreamKey(e.Rule.Dimension, e.Rule.Value), e.Rule.Dimension, e.Rule.Value, [e.Rule]);

    public CostCentreMapping Apply(CostCentreRuleDefined e) => this with { Rules = [.. Rules, e.Rule] };

    public CostCentreMapping Apply(CostCentreRuleAmended e) =>
        this with { Rules = [.. Rules.Select(r => r.Id == e.Rule.Id ? e.Rule : r)] };

    public CostCentreMapping Apply(CostCentreRuleEnded e) =>
        this with { Rules = [.. Rules.Select(r => r.Id == e.RuleId ? r with { Dates = r.Dates with { To = e.EffectiveTo } } : r)] };

    /// <summary>The cost centre this value maps to on <paramref name="day"/>, if a rule is in force then.</summary>
    public string? CostCentreOn(DateOnly day) => Rules.FirstOrDefault(r => r.Dates.InForce(day))?.CostCentre;
}
