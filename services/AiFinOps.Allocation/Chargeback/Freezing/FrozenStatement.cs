namespace AiFinOps.Allocation.Chargeback.Freezing;

/// <summary>
/// A closed billing period's charges as they stood when it closed: what finance took. Later rule changes, ledger
/// rebuilds and configuration changes never alter them. Stream key <see cref="FrozenStatement.StreamKey"/>.
/// </summary>
public sealed record ChargebackStatementFrozen(string Period, DateTimeOffset FrozenAt, string ClosedBy, IReadOnlyList<Charge> Charges);

/// <summary>The frozen charges of one closed period (inline snapshot).</summary>
public sealed record FrozenStatement(string Id, string Period, DateTimeOffset FrozenAt, string ClosedBy, IReadOnlyList<Charge> Charges)
{
    public static string StreamKey(string period) => $"chargeback-statement:{period}";

    public static FrozenStatement Create(ChargebackStatementFrozen e) => new(StreamKey(e.Period), e.Period, e.FrozenAt, e.ClosedBy, e.Charges);
}
