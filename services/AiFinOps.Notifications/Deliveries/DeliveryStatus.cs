namespace AiFinOps.Notifications.Deliveries;

/// <summary>Where a delivery stands: <c>pending</c> (due now or at its next attempt), <c>delivered</c>, or <c>failed</c> for good.</summary>
public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Pending, Delivered, Failed];
}
