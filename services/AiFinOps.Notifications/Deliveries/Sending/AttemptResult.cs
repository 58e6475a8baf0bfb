namespace AiFinOps.Notifications.Deliveries.Sending;

/// <summary>
/// How one attempt went. <see cref="Permanent"/> failures (the subscription is gone or disabled, SMTP is not configured,
/// the address is not one) end the delivery at once: trying again cannot help until someone changes something and
/// retries it. <see cref="Error"/> never holds a secret.
/// </summary>
public sealed record AttemptResult(bool Delivered, int? HttpStatus, string? Error, TimeSpan Duration, bool Permanent = false)
{
    public string Outcome => Delivered ? DeliveryStatus.Delivered : DeliveryStatus.Failed;

    public static AttemptResult Success(int? httpStatus, TimeSpan duration) => new(true, httpStatus, null, duration);

    public static AttemptResult Failure(string error, TimeSpan duration, int? httpStatus = null) => new(false, httpStatus, error, duration);

    public static AttemptResult Refused(string error) => new(false, null, error, TimeSpan.Zero, Permanent: true);
}
