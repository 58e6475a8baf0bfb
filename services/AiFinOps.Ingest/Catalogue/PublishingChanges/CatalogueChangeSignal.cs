namespace AiFinOps.Ingest.Catalogue.PublishingChanges;

/// <summary>Wakes the publisher right after a change made here, instead of at its next poll.</summary>
public sealed class CatalogueChangeSignal
{
    private readonly SemaphoreSlim raised = new(0, 1);

    public void Raise()
    {
        try
        {
            raised.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already raised: the publisher will look once, which covers both changes.
        }
    }

    /// <summary>Returns when raised, or after <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => raised.WaitAsync(timeout, cancellationToken);
}
