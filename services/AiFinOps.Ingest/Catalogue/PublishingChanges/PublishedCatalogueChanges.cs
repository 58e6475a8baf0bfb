namespace AiFinOps.Ingest.Catalogue.PublishingChanges;

/// <summary>
/// How far catalogue changes have been published: every event up to <see cref="LastSequence"/> is on the bus (or was
/// not a catalogue change). Stored only after the broker confirmed, so a restart publishes the rest, never less.
/// </summary>
public sealed record PublishedCatalogueChanges(string Id, long LastSequence, DateTimeOffset UpdatedAt)
{
    public const string TheOne = "catalogue-changes";
}
