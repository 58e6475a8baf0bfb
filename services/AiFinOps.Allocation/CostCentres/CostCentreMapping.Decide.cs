using AiFinOps.Allocation.Rules;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Allocation.CostCentres;

/// <summary>Map a dimension value to a cost centre from a day on (until a day, when <c>effectiveTo</c> is given).</summary>
public sealed record DefineCostCentreRule(string? Dimension, string? Value, string? CostCentre, string? EffectiveFrom, string? EffectiveTo = null);

/// <summary>Replace a rule's cost centre and dates (an absent <c>effectiveTo</c> makes it open-ended).</summary>
public sealed record AmendCostCentreRule(string? CostCentre, string? EffectiveFrom, string? EffectiveTo = null);

/// <summary>Stop a rule from a day on: the first day it no longer applies.</summary>
public sealed record EndCostCentreRule(string? EffectiveTo);

/// <summary>
/// Pure decisions over one <see cref="CostCentreMapping"/>: (state, command) → event or refusal. A command that
/// changes nothing (a retried definition, the same end again) yields neither; a retried definition names the rule it repeats.
/// </summary>
public static class CostCentreDecisions
{
    public const string Team = "team";
    public const string CostCentreTag = "cost_centre_tag";

    /// <summary>The dimensions a rule may map: team, the <c>cost_centre</c> tag and the configured extra tag dimensions.</summary>
    public static IReadOnlyList<string> Dimensions(IReadOnlyList<string> extraDimensions) => [Team, CostCentreTag, .. extraDimensions];

    /// <summary>The stream a definition belongs to, from its trimmed dimension and value (validated by <see cref="Define"/>).</summary>
    public static string StreamKeyOf(DefineCostCentreRule command) =>
        CostCentreMapping.StreamKey(command.Dimension?.Trim().ToLowerInvariant() ?? "", command.Value?.Trim() ?? "");

    public static (CostCentreRuleDefined? Defined, CostCentreRule? Repeated, Refusal? Refusal) Define(CostCentreMapping? mapping, DefineCostCentreRule command,
        IReadOnlyList<string> extraDimensions, string ruleId, string by, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var dimensions = Dimensions(extraDimensions);
        var dimension = RuleInput.Name(command.Dimension, "dimension", errors)?.ToLowerInvariant();
        if (dimension is not null && !dimensions.Contains(dimension))
        {
            RuleInput.Add(errors, "dimension", $"'{command.Dimension}' is not a dimension rules can map; use one of: {string.Join(", ", dimensions)}" +
                (extraDimensions.Count == 0 ? " (tag keys become dimensions when configured in Allocation:ExtraDimensions)" : ""));
        }
        var value = RuleInput.Name(command.Value, "value", errors);
        if (dimension == Team && value == UsageDimensions.Untagged)
        {
            RuleInput.Add(errors, "value", $"{UsageDimensions.Untagged} is not a team: untagged spend stays on its own line; " +
                "tag the calls with a team or a cost_centre tag instead");
        }
        var costCentre = CostCentreName(command.CostCentre, errors);
        var dates = RuleInput.Dates(command.EffectiveFrom, command.EffectiveTo, errors);
        if (errors.Count > 0) return (null, null, Refusal.Invalid(errors));

        var rule = new CostCentreRule(ruleId, dimension!, value!, costCentre!, dates!.Value, by, now);
        var rules = mapping?.Rules ?? [];
        if (rules.FirstOrDefault(r => r.CostCentre == rule.CostCentre && r.Dates == rule.Dates) is { } repeated) return (null, repeated, null);
        if (Overlapping(rules, rule) is { } refusal) return (null, null, refusal);
        return (new CostCentreRuleDefined(rule), null, null);
    }

    public static (CostCentreRuleAmended? Amended, Refusal? Refusal) Amend(CostCentreMapping? mapping, string ruleId,
        AmendCostCentreRule command, string by, DateTimeOffset now)
    {
        if (mapping?.Rules.FirstOrDefault(r => r.Id == ruleId) is not { } current)
            return (null, Refusal.NotFound("id", $"no cost-centre rule '{ruleId}' is recorded"));
        var errors = new Dictionary<string, string[]>();
        var costCentre = CostCentreName(command.CostCentre, errors);
        var dates = RuleInput.Dates(command.EffectiveFrom, command.EffectiveTo, errors);
        if (errors.Count > 0) return (null, Refusal.Invalid(errors));

        if (current.CostCentre == costCentre && current.Dates == dates) return (null, null);
        var amended = current with { CostCentre = costCentre!, Dates = dates!.Value, RecordedBy = by, RecordedAt = now };
        if (Overlapping(mapping.Rules.Where(r => r.Id != ruleId), amended) is { } refusal) return (null, refusal);
        return (new CostCentreRuleAmended(amended), null);
    }

    /// <summary>An end can be set or brought forward; pushing it back is an amendment (it may overlap another rule).</summary>
    public static (CostCentreRuleEnded? Ended, Refusal? Refusal) End(CostCentreMapping? mapping, string ruleId,
        EndCostCentreRule command, string by, DateTimeOffset now)
    {
        if (mapping?.Rules.FirstOrDefault(r => r.Id == ruleId) is not { } current)
            return (null, Refusal.NotFound("id", $"no cost-centre rule '{ruleId}' is recorded"));
        var errors = new Dictionary<string, string[]>();
        if (RuleInput.Day(command.EffectiveTo, "effectiveTo", errors) is not { } day) return (null, Refusal.Invalid(errors));

        if (day <= current.Dates.From)
            return (null, Refusal.Invalid("effectiveTo", $"{day:yyyy-MM-dd} must be after the rule's effectiveFrom ({current.Dates.From:yyyy-MM-dd})"));
        if (current.Dates.To == day) return (null, null);
        if (current.Dates.To is { } end && end < day)
        {
            return (null, Refusal.Conflict("effectiveTo", $"rule '{ruleId}' already ends on {end:yyyy-MM-dd}; an end can be brought " +
                $"forward, not pushed back — amend the rule (PUT /api/v1/cost-centres/rules/{ruleId}) to extend it"));
        }
        return (new CostCentreRuleEnded(ruleId, day, by, now), null);
    }

    private static string? CostCentreName(string? text, Dictionary<string, string[]> errors)
    {
        var name = RuleInput.Name(text, "costCentre", errors);
        if (name is not null && RuleInput.ReservedNames.Contains(name))
            return RuleInput.Add(errors, "costCentre", $"'{name}' is a line the statement makes itself; name a real cost centre");
        return name;
    }

    private static Refusal? Overlapping(IEnumerable<CostCentreRule> rules, CostCentreRule rule) =>
        rules.FirstOrDefault(r => r.Dates.Overlaps(rule.Dates)) is { } other
            ? Refusal.Conflict("effectiveFrom", $"{rule.Dimension} '{rule.Value}' {rule.Dates} overlaps rule '{other.Id}' " +
                $"(→ {other.CostCentre} {other.Dates}); a value maps to one cost centre on any day — end or amend '{other.Id}' first")
            : null;
}
