namespace AiFinOps.Notifications.Deliveries;

/// <summary>Wakes the delivery worker as soon as deliveries are queued here, so it need not wait for its next poll.</summary>
public sealed class DeliverySignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Raise()
    {
        if (signal.CurrentCount == 0)
        {
            try { signal.Release(); } catch (SemaphoreFullException) { }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
