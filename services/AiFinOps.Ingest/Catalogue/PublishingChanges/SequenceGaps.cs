namespace AiFinOps.Ingest.Catalogue.PublishingChanges;

/// <summary>
/// Which of the events read after the last published sequence may be published now. A missing sequence number is a
/// transaction that has drawn it but not committed yet — publishing past it would lose that event for good — or one
/// that failed and never will. So publishing stops at a gap until it has stayed open for <paramref name="patience"/>,
/// then steps over it (Marten's async daemon judges its high-water mark the same way). Not thread-safe: one publisher.
/// </summary>
public sealed class SequenceGaps(TimeSpan patience)
{
    private (long Missing, DateTimeOffset Since)? open;

    /// <summary>How many of <paramref name="sequences"/> (ascending, all greater than <paramref name="after"/>) are safe
    /// to publish at <paramref name="now"/>.</summary>
    public int Publishable(long after, IReadOnlyList<long> sequences, DateTimeOffset now)
    {
        var expected = after + 1;
        for (var i = 0; i < sequences.Count; i++)
        {
            if (sequences[i] == expected)
            {
                expected++;
                continue;
            }
            if (open is { } gap && gap.Missing == expected && now - gap.Since >= patience)
            {
                open = null;
                expected = sequences[i] + 1;
                continue;
            }
            if (open?.Missing != expected) open = (expected, now);
            return i;
        }
        return sequences.Count;
    }
}
