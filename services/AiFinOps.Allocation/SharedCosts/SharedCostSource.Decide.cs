using AiFinOps.Allocation.Rules;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Allocation.SharedCosts;

/// <summary>The workflow or team whose spend is shared.</summary>
public sealed record SharedCostSourceInput(string? Dimension, string? Value);

/// <summary>A consumer as a request names it.</summary>
public sealed record SharedCostConsumerInput(string? Team, decimal? Percent = null);

/// <summary>Share a workflow's or a team's spend among consumers from a day on.</summary>
public sealed record DefineSharedCostRule(SharedCostSourceInput? Source, string? Method, IReadOnlyList<SharedCostConsumerInput>? Consumers,
    string? EffectiveFrom, string? EffectiveTo = null);

/// <summary>Replace a rule's method, consumers and dates (an absent <c>effectiveTo</c> makes it open-ended).</summary>
public sealed record AmendSharedCostRule(string? Method, IReadOnlyList<SharedCostConsumerInput>? Consumers, string? EffectiveFrom, string? EffectiveTo = null);

/// <summary>Stop a rule from a day on: the first day it no longer applies.</summary>
public sealed record EndSharedCostRule(string? EffectiveTo);

/// <summary>Pure decisions over one <see cref="SharedCostSource"/>: (state, command) → event or refusal.</summary>
public static class SharedCostDecisions
{
    public static readonly IReadOnlyList<string> SourceDimensions = ["workflow", "team"];

    public static string StreamKeyOf(DefineSharedCostRule command) =>
        SharedCostSource.StreamKey(command.Source?.Dimension?.Trim().ToLowerInvariant() ?? "", command.Source?.Value?.Trim() ?? "");

    public static (SharedCostRuleDefined? Defined, SharedCostRule? Repeated, Refusal? Refusal) Define(SharedCostSource? source,
        DefineSharedCostRule command, string ruleId, string by, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        string? dimension = null, value = null;
        if (command.Source is null) RuleInput.Add(errors, "source", "is required: {\"dimension\": \"workflow\" or \"team\", \"value\": …}");
        else
        {
            dimension = RuleInput.Name(command.Source.Dimension, "source.dimension", errors)?.ToLowerInvariant();
            if (dimension is not null && !SourceDimensions.Contains(dimension))
                RuleInput.Add(errors, "source.dimension", $"'{command.Source.Dimension}' cannot be shared; share a workflow or a team");
            value = RuleInput.Name(command.Source.Value, "source.value", errors);
            if (value == UsageDimensions.Untagged)
                RuleInput.Add(errors, "source.value", $"{UsageDimensions.Untagged} spend stays on its own line; it cannot be shared");
        }
        var (method, consumers) = Terms(command.Method, command.Consumers, errors);
        var dates = RuleInput.Dates(command.EffectiveFrom, command.EffectiveTo, errors);
        if (errors.Count > 0) return (null, null, Refusal.Invalid(errors));

        var rule = new SharedCostRule(ruleId, dimension!, value!, method!, consumers, dates!.Value, by, now);
        var rules = source?.Rules ?? [];
        if (rules.FirstOrDefault(r => SameTerms(r, rule)) is { } repeated) return (null, repeated, null);
        if (Overlapping(rules, rule) is { } refusal) return (null, null, refusal);
        return (new SharedCostRuleDefined(rule), null, null);
    }

    public static (SharedCostRuleAmended? Amended, Refusal? Refusal) Amend(SharedCostSource? source, string ruleId,
        AmendSharedCostRule command, string by, DateTimeOffset now)
    {
        if (source?.Rules.FirstOrDefault(r => r.Id == ruleId) is not { } current)
            return (null, Refusal.NotFound("id", $"no shared-cost rule '{ruleId}' is recorded"));
        var errors = new Dictionary<string, string[]>();
        var (method, consumers) = Terms(command.Method, command.Consumers, errors);
        var dates = RuleInput.Dates(command.EffectiveFrom, command.EffectiveTo, errors);
        if (errors.Count > 0) return (null, Refusal.Invalid(errors));

        var amended = current with { Method = method!, Consumers = consumers, Dates = dates!.Value, RecordedBy = by, RecordedAt = now };
        if (SameTerms(current, amended)) return (null, null);
        if (Overlapping(source.Rules.Where(r => r.Id != ruleId), amended) is { } refusal) return (null, refusal);
        return (new SharedCostRuleAmended(amended), null);
    }

    public static (SharedCostRuleEnded? Ended, Refusal? Refusal) End(SharedCostSource? source, string ruleId,
        EndSharedCostRule command, string by, DateTimeOffset now)
    {
        if (source?.Rules.FirstOrDefault(r => r.Id == ruleId) is not { } current)
            return (null, Refusal.NotFound("id", $"no shared-cost rule '{ruleId}' is recorded"));
        var errors = new Dictionary<string, string[]>();
        if (RuleInput.Day(command.EffectiveTo, "effectiveTo", errors) is not { } day) return (null, Refusal.Invalid(errors));

        if (day <= current.Dates.From)
            return (null, Refusal.Invalid("effectiveTo", $"{day:yyyy-MM-dd} must be after the rule's effectiveFrom ({current.Dates.From:yyyy-MM-dd})"));
        if (current.Dates.To == day) return (null, null);
        if (current.Dates.To is { } end && end < day)
        {
            return (null, Refusal.Conflict("effectiveTo", $"rule '{ruleId}' already ends on {end:yyyy-MM-dd}; an end can be brought " +
                $"forward, not pushed back — amend the rule (PUT /api/v1/shared-costs/rules/{ruleId}) to extend it"));
        }
        return (new SharedCostRuleEnded(ruleId, day, by, now), null);
    }

    /// <summary>The method and its consumers: fixed needs every consumer's percent, summing to exactly 100.</summary>
    private static (string? Method, IReadOnlyList<SharedCostConsumer> Consumers) Terms(string? methodText,
        IReadOnlyList<SharedCostConsumerInput>? given, Dictionary<string, string[]> errors)
    {
        var method = RuleInput.Name(methodText, "method", errors)?.ToLowerInvariant();
        if (method is not null && !SplitMethods.All.Contains(method))
        {
            RuleInput.Add(errors, "method", $"'{methodText}' is not a split method; use {string.Join(", ", SplitMethods.All)}");
            method = null;
        }

        var consumers = new List<SharedCostConsumer>();
        var inputs = given ?? [];
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = $"consumers[{i}]";
            if (inputs[i] is not { } input)
            {
                RuleInput.Add(errors, field, "is required: {\"team\": …}");
                continue;
            }
            var team = RuleInput.Name(input.Team, field + ".team", errors);
            if (team == UsageDimensions.Untagged)
                RuleInput.Add(errors, field + ".team", $"{UsageDimensions.Untagged} is not a team that can bear a cost");
            else if (team is not null && consumers.Any(c => c.Team == team))
                RuleInput.Add(errors, field + ".team", $"'{team}' is listed twice");
            if (method == SplitMethods.Fixed)
            {
                if (input.Percent is not { } percent) RuleInput.Add(errors, field + ".percent", "is required with method fixed");
                else if (percent is <= 0 or > 100) RuleInput.Add(errors, field + ".percent", $"{percent} must be above 0 and at most 100");
            }
            else if (method is not null && input.Percent is not null)
            {
                RuleInput.Add(errors, field + ".percent", $"applies only to method fixed; method {method} works the shares out itself");
            }
            if (team is not null) consumers.Add(new SharedCostConsumer(team, method == SplitMethods.Fixed ? input.Percent : null));
        }

        if (method == SplitMethods.Fixed)
        {
            if (inputs.Count == 0) RuleInput.Add(errors, "consumers", "method fixed needs the consumers and each one's percent");
            else if (inputs.All(c => c?.Percent is > 0 and <= 100) && inputs.Sum(c => c!.Percent!.Value) is var sum && sum != 100m)
                RuleInput.Add(errors, "consumers", $"the percentages add up to {sum}, not exactly 100");
        }
        return (method, consumers);
    }

    private static bool SameTerms(SharedCostRule a, SharedCostRule b) =>
        a.Method == b.Method && a.Dates == b.Dates && a.Consumers.SequenceEqual(b.Consumers);

    private static Refusal? Overlapping(IEnumerable<SharedCostRule> rules, SharedCostRule rule) =>
        rules.FirstOrDefault(r => r.Dates.Overlaps(rule.Dates)) is { } other
            ? Refusal.Conflict("effectiveFrom", $"sharing {rule.Source} {rule.Dates} overlaps rule '{other.Id}' ({other.Method} {other.Dates}); " +
                $"a cost is shared by one rule on any day — end or amend '{other.Id}' first")
            : null;
}
