namespace AiFinOps.Anomaly.Alerts;

/// <summary>Wakes the publisher as soon as an alert is committed here, so it need not wait for its next poll.</summary>
public sealed class AlertSignal
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
