namespace AiFinOps.Allocation.CostCentres;

/// <summary>
/// The statement's own lines. <see cref="Unassigned"/>: tagged spend no rule maps to a cost centre; untagged spend
/// (team <c>(untagged)</c>, see <see cref="Contracts.Messages.UsageDimensions.Untagged"/>) keeps its own line.
/// </summary>
public static class CostCentreNames
{
    public const string Unassigned = "(unassigned)";
}
