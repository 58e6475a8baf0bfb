namespace AiFinOps.Notifications.Deliveries.GettingDeliveries;

/// <summary>A delivery with its attempts, first first: what <c>GET /api/v1/deliveries/{id}</c> answers.</summary>
public sealed record DeliveryDetail(Delivery Delivery, IReadOnlyList<DeliveryAttempt> Attempts);
