namespace AiFinOps.Allocation.Chargeback;

/// <summary>
/// A billing period's spend of one day and one set of dimension values, as the daily rollup holds it (service tiers
/// summed): the input of <see cref="ChargeAllocation"/>. <see cref="Day"/> is the organisation's calendar day the rules
/// are judged on (see <see cref="StatementDays"/>); <see cref="Extra"/> holds only the extra tag dimensions rules map.
/// </summary>
public sealed record DailySpend(
    DateOnly Day,
    string ChargeClass,
    string Team,
    string Workflow,
    string Environment,
    string Provider,
    string Model,
    string CostCentreTag,
    IReadOnlyDictionary<string, string> Extra,
    ChargeAmounts Amounts);
