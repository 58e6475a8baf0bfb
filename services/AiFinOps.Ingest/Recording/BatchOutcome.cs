namespace AiFinOps.Ingest.Recording;

/// <summary>What happened to a batch: counts, the rejected events with field and reason, and warnings.</summary>
public sealed record BatchOutcome(
    int Accepted,
    int Duplicates,
    IReadOnlyList<IndexedRejection> Rejected,
    IReadOnlyList<string> Warnings);

public sealed record IndexedRejection(int Index, string EventId, string Field, string Reason);
