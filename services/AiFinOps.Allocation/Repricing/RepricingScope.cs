using System.Globalization;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Allocation.Repricing;

/// <summary>
/// What one re-pricing run covers and what keys it books under. <see cref="Run"/> is the idempotency key: the catalogue
/// change's sequence number (a redelivered change is the same run), or <c>admin-…</c> for a re-run an admin asked for.
/// Affected calls (as <see cref="CatalogueChanged"/> defines them): occurred in [<see cref="From"/>, <see cref="To"/>)
/// and either of <see cref="Provider"/> with <see cref="Model"/> among their catalogue keys, or of another platform
/// with <c>{provider}/{model}</c> among them; a null model means every model of the provider.
/// </summary>
public sealed record RepricingScope(string Run, long CatalogueSequence, string Change, string Provider, string? Model,
    DateTimeOffset From, DateTimeOffset? To)
{
    /// <summary>No AI usage predates 2000 (as billing periods assume); "from the beginning" starts here.</summary>
    public static readonly DateTimeOffset Beginning = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static RepricingScope Of(CatalogueChanged change) => new(
        change.Sequence.ToString(CultureInfo.InvariantCulture), change.Sequence,
        $"{change.Kind}: {change.Description}", change.Provider.ToLowerInvariant(), change.Model?.ToLowerInvariant(),
        change.AffectedFrom < Beginning ? Beginning : change.AffectedFrom, change.AffectedTo);

    /// <summary>The stream of page <paramref name="page"/>: pages are numbered from 0 along (occurred_at, event id).</summary>
    public string StreamKey(int page) => $"repricing:{Run}:{page}";

    /// <summary>At most one re-pricing line per call and run, however often the run is retried.</summary>
    public string LineId(string eventId) => $"{eventId}#r{Run}";

    public string Describe() =>
        $"{Provider}/{Model ?? "*"} from {From:O}{(To is { } to ? $" to {to:O}" : "")}";
}
