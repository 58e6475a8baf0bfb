namespace AiFinOps.Allocation.Rules;

/// <summary>
/// When a rule applies: calendar days of the organisation's time zone from <see cref="From"/> (included) to
/// <see cref="To"/> (excluded; null while the rule runs), like the price catalogue's effective dates.
/// </summary>
public readonly record struct EffectiveDates(DateOnly From, DateOnly? To)
{
    public bool InForce(DateOnly day) => From <= day && (To is null || day < To);

    public bool Overlaps(EffectiveDates other) =>
        (other.To is null || From < other.To) && (To is null || other.From < To);

    public override string ToString() => To is { } to ? $"from {From:yyyy-MM-dd} to {to:yyyy-MM-dd}" : $"from {From:yyyy-MM-dd}, open-ended";
}
