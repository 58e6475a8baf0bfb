using AiFinOps.Allocation.Periods;

namespace AiFinOps.Allocation.Focus;

/// <summary>What every row of one export shares: the billing period (its UTC bounds in the org's zone) and the account.</summary>
public sealed record FocusContext(BillingPeriod Period, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, string BillingAccountId,
    string? BillingAccountName)
{
    public static FocusContext Of(BillingPeriod period, TimeZoneInfo zone, FocusExportOptions options) =>
        new(period, period.Start(zone), period.End(zone), options.BillingAccountId, options.BillingAccountName ?? options.BillingAccountId);
}
