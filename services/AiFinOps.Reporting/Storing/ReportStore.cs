using Marten;

namespace AiFinOps.Reporting.Storing;

/// <summary>The outcome of storing a report: its current version, and whether this run added it.</summary>
public sealed record StoredVersion(StoredReport Report, bool Added);

/// <summary>
/// Stores reports as versioned streams: a run whose content hashes like the latest version adds nothing (the job is
/// idempotent); different content appends the next version. Two runs at once: the second fails its optimistic
/// concurrency check and its retry meets the first's version.
/// </summary>
public sealed class ReportStore(IDocumentStore store)
{
    public async Task<StoredVersion> SaveAsync(ReportGenerated generated, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<StoredReport>(ReportGenerated.StreamKey(generated.Kind, generated.Period), ct);
        if (stream.Aggregate is { } latest && latest.ContentHash == generated.ContentHash) return new StoredVersion(latest, false);
        stream.AppendOne(generated);
        await session.SaveChangesAsync(ct);
        return new StoredVersion(stream.Aggregate is { } before ? before.Apply(generated) : StoredReport.Create(generated), true);
    }

    /// <summary>The latest version, or the one asked for (null when there is none).</summary>
    public async Task<StoredReport?> LoadAsync(string kind, string period, int? version, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var key = ReportGenerated.StreamKey(kind, period);
        var latest = await session.LoadAsync<StoredReport>(key, ct);
        if (latest is null || version is null || version == latest.Version) return latest;
        if (version < 1 || version > latest.Version) return null;
        var events = await session.Events.FetchStreamAsync(key, version.Value, token: ct);
        return events.Select(e => e.Data).OfType<ReportGenerated>().Aggregate((StoredReport?)null,
            (report, e) => report is null ? StoredReport.Create(e) : report.Apply(e));
    }
}
