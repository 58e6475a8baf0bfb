namespace AiFinOps.Allocation.Focus;

/// <summary>
/// Configuration section <c>Allocation:Focus</c>: who the FOCUS dataset bills. <see cref="BillingAccountId"/> names
/// the organisation (default <c>aifinops</c>); <see cref="BillingAccountName"/> is its display name (default the id).
/// </summary>
public sealed record FocusExportOptions
{
    public const string Section = "Allocation:Focus";

    public string BillingAccountId { get; init; } = "aifinops";
    public string? BillingAccountName { get; init; }
}
