namespace AiFinOps.Notifications.Deliveries.Sending;

/// <summary>A delivery's status and next attempt after an attempt.</summary>
public sealed record DeliveryState(string Status, DateTimeOffset? NextAttemptAt);

/// <summary>What an attempt makes of a delivery (pure): delivered; failed for good; or pending until the backoff's next step.</summary>
public static class DeliveryProgress
{
    /// <param name="failedBefore">Failed attempts since the delivery was queued or last retried by hand.</param>
    public static DeliveryState After(int failedBefore, AttemptResult result, DateTimeOffset attemptedAt, DeliveryPolicy policy)
    {
        if (result.Delivered) return new(DeliveryStatus.Delivered, null);
        var failed = failedBefore + 1;
        if (result.Permanent || failed >= policy.MaxAttempts) return new(DeliveryStatus.Failed, null);
        return new(DeliveryStatus.Pending, attemptedAt + policy.DelayAfter(failed));
    }
}
