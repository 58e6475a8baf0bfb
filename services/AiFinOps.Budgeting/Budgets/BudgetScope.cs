using AiFinOps.Budgeting.Spend;

namespace AiFinOps.Budgeting.Budgets;

/// <summary>
/// Which spend a budget counts: the whole organisation, one cost centre (the <c>cost_centre</c> tag), team, workflow,
/// environment, or one value of any tag. Written <c>org</c>, <c>team:search</c>, <c>cost-centre:CC-1001</c>,
/// <c>tag:product=chat</c>.
/// </summary>
public sealed record BudgetScope(string Kind, string Value, string? TagKey = null)
{
    public const string Org = "org";
    public const string CostCentre = "cost-centre";
    public const string Team = "team";
    public const string Workflow = "workflow";
    public const string Environment = "environment";
    public const string Tag = "tag";

    /// <summary>The tag that names a call's cost centre (as allocation reads it).</summary>
    public const string CostCentreTag = "cost_centre";

    public static readonly IReadOnlyList<string> Kinds = [Org, CostCentre, Team, Workflow, Environment, Tag];

    public static readonly BudgetScope Organisation = new(Org, "");

    public bool Matches(AccruedUsage usage) => Kind switch
    {
        Org => true,
        Team => usage.Team == Value,
        Workflow => usage.Workflow == Value,
        Environment => usage.Environment == Value,
        CostCentre => usage.Tags.TryGetValue(CostCentreTag, out var centre) && centre == Value,
        Tag => TagKey is not null && usage.Tags.TryGetValue(TagKey, out var tag) && tag == Value,
        _ => false,
    };

    /// <summary>Whether a key restricted to <paramref name="teams"/> may see and manage it: only its own teams' budgets.</summary>
    public bool VisibleTo(IReadOnlyList<string> teams) => teams.Count == 0 || (Kind == Team && teams.Contains(Value, StringComparer.Ordinal));

    public override string ToString() => Kind switch
    {
        Org => Org,
        Tag => $"{Tag}:{TagKey}={Value}",
        _ => $"{Kind}:{Value}",
    };

    public static BudgetScope? Parse(string? text, out string? reason)
    {
        reason = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed == Org) return Organisation;
        var colon = trimmed.IndexOf(':');
        var kind = colon < 0 ? trimmed : trimmed[..colon];
        var value = colon < 0 ? "" : trimmed[(colon + 1)..].Trim();
        if (!Kinds.Contains(kind))
        {
            reason = $"'{text}' is not a scope; write org, team:NAME, workflow:NAME, environment:NAME, cost-centre:NAME or tag:KEY=VALUE";
            return null;
        }
        if (kind == Tag)
        {
            var equals = value.IndexOf('=');
            if (equals <= 0 || equals == value.Length - 1)
            {
                reason = $"'{text}' names no tag; write tag:KEY=VALUE, e.g. tag:product=chat";
                return null;
            }
            return Checked(new BudgetScope(Tag, value[(equals + 1)..].Trim(), value[..equals].Trim()), out reason);
        }
        if (kind == Org || value.Length == 0)
        {
            reason = kind == Org ? "the org scope takes no value; write org" : $"'{text}' names no {kind}; write {kind}:NAME";
            return null;
        }
        return Checked(new BudgetScope(kind, value), out reason);
    }

    private static BudgetScope? Checked(BudgetScope scope, out string? reason)
    {
        reason = scope.Value.Length > 200 || (scope.TagKey?.Length ?? 0) > 200 ? "scope values are at most 200 characters" : null;
        return reason is null ? scope : null;
    }
}
