using AiFinOps.Contracts.Messages;

namespace AiFinOps.Allocation.CostCentres;

/// <summary>
/// Pure: which cost centre a day's spend is charged to. The call's own <c>cost_centre</c> tag wins (translated when a
/// <c>cost_centre_tag</c> rule maps that value); then a rule on a configured extra tag dimension (in configured order);
/// then the team's rule in force that day; else the explicit <see cref="CostCentreNames.Unassigned"/> line — or, for
/// spend without a team, its own <see cref="UsageDimensions.Untagged"/> line, never dropped.
/// </summary>
public sealed class CostCentreResolution
{
    private readonly Dictionary<(string Dimension, string Value), CostCentreMapping> mappings;
    private readonly IReadOnlyList<string> extraDimensions;

    public CostCentreResolution(IEnumerable<CostCentreMapping> mappings, IReadOnlyList<string> extraDimensions)
    {
        this.mappings = mappings.ToDictionary(m => (m.Dimension, m.Value));
        this.extraDimensions = extraDimensions;
    }

    public static CostCentreResolution None { get; } = new([], []);

    /// <summary>The extra dimensions some rule maps: only their values need to be read from the rollups.</summary>
    public IReadOnlyList<string> RuledExtraDimensions =>
        [.. extraDimensions.Where(d => mappings.Keys.Any(k => k.Dimension == d))];

    /// <param name="extra">The spend's values of the extra dimensions (absent or empty: the calls had no such tag).</param>
    public string Resolve(DateOnly day, string team, string costCentreTag, IReadOnlyDictionary<string, string> extra)
    {
        if (costCentreTag.Length > 0) return On(CostCentreDecisions.CostCentreTag, costCentreTag, day) ?? costCentreTag;
        foreach (var dimension in extraDimensions)
        {
            if (extra.TryGetValue(dimension, out var value) && value.Length > 0 && On(dimension, value, day) is { } byTag) return byTag;
        }
        return OfTeam(team, day);
    }

    /// <summary>The cost centre of a team's own spend on a day (also where its share of a shared cost goes).</summary>
    public string OfTeam(string team, DateOnly day) =>
        On(CostCentreDecisions.Team, team, day) ?? (team == UsageDimensions.Untagged ? UsageDimensions.Untagged : CostCentreNames.Unassigned);

    private string? On(string dimension, string value, DateOnly day) =>
        mappings.TryGetValue((dimension, value), out var mapping) ? mapping.CostCentreOn(day) : null;
}
