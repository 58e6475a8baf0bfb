namespace AiFinOps.Ingest.Catalogue.PublishingChanges;

/// <summary>How catalogue changes are published. Bound from the <c>Catalogue:Changes</c> configuration section.</summary>
public sealed record CatalogueChangePublishing
{
    /// <summary>How often the publisher looks for changes made by other replicas or left over by a failure.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>How long a missing sequence number holds publishing back before it is taken for a failed transaction.</summary>
    public TimeSpan GapPatience { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>How long one change waits for the broker's confirm before the publisher gives up until the next poll.</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public int BatchSize { get; init; } = 200;
}
