using AiFinOps.Contracts.Messages;

namespace AiFinOps.Notifications.Deliveries.Sending;

/// <summary>A delivery a worker claimed (<see cref="Claim"/> until its lease ends) to make its next attempt.</summary>
public sealed record DeliveryWork(Guid Id, string Target, string? SubscriptionId, AlertRaised Alert, int Attempts, int RoundStart, Guid Claim)
{
    /// <summary>Failed attempts since it was queued or last retried by hand (a pending delivery has no successful one).</summary>
    public int FailedInRound => Attempts - RoundStart;
}
