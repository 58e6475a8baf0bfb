namespace AiFinOps.Allocation.Chargeback;

/// <summary>
/// Spend as charged: to a cost centre and a team (for a shared cost, the consumer team bearing its share, with
/// <see cref="SharedFrom"/> naming the source, e.g. <c>workflow:platform-router</c>). The finest grain a statement is
/// grouped from, and what a closed period's frozen statement keeps.
/// </summary>
public sealed record Charge(
    string CostCentre,
    string Team,
    string Workflow,
    string Environment,
    string Provider,
    string Model,
    string ChargeClass,
    string? SharedFrom,
    ChargeAmounts Amounts)
{
    /// <summary>FOCUS <c>ChargeClass</c> as the statement writes it: regular charges, and corrections of closed periods.</summary>
    public const string Regular = "Regular";
    public const string Correction = "Correction";

    /// <summary>The dimensions a statement can be grouped by, as query and CSV name them.</summary>
    public static readonly IReadOnlyList<string> Dimensions = ["cost_centre", "team", "workflow", "environment", "provider", "model"];

    public string Dimension(string name) => name switch
    {
        "cost_centre" => CostCentre,
        "team" => Team,
        "workflow" => Workflow,
        "environment" => Environment,
        "provider" => Provider,
        "model" => Model,
        _ => throw new ArgumentException($"'{name}' is not a chargeback dimension", nameof(name)),
    };
}
