namespace AiFinOps.Allocation.Focus;

/// <summary>The FOCUS data types a column can have (JSON is written as a string holding a JSON object).</summary>
public enum FocusType
{
    String,
    Decimal,
    DateTime,
    Json,
}

/// <summary>A column of the dataset: its name, FOCUS type, whether it may be null, and how a charge fills it.</summary>
public sealed record FocusColumn(string Name, FocusType Type, bool Nullable)
{
    public Func<FocusCharge, string?> Text { get; init; } = _ => null;
    public Func<FocusCharge, decimal?> Number { get; init; } = _ => null;
    public Func<FocusCharge, DateTimeOffset> Instant { get; init; } = _ => default;
}
