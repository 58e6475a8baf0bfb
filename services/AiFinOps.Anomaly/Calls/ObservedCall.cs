using System.Text.Json.Serialization;
using AiFinOps.Anomaly.Runs;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Anomaly.Calls;

/// <summary>
/// One AI call as anomaly detection sees it: who made it, in which run, how many tokens and what it cost (effective
/// cost in decimal USD; 0 and <see cref="Priced"/> false when the catalogue had no price).
/// </summary>
public sealed record ObservedCall(
    string EventId,
    DateTimeOffset OccurredAt,
    string Team,
    string Workflow,
    string RunId,
    long InputTokens,
    long OutputTokens,
    decimal EffectiveCostUsd,
    bool Priced)
{
    /// <summary>The run the call belongs to: its run id, or a run of its own. Derived, so not stored with the event.</summary>
    [JsonIgnore]
    public string RunKey => Runs.RunKey.Of(RunId, EventId);

    [JsonIgnore]
    public long Tokens => InputTokens + OutputTokens;

    public static ObservedCall Of(PricedUsage u) => new(u.EventId, u.OccurredAt.ToUniversalTime(), u.Team, u.Workflow, u.RunId,
        u.InputTokens, u.OutputTokens, u.Priced ? u.EffectiveCostUsd ?? 0m : 0m, u.Priced);
}

/// <summary>
/// The calls of one bus message, or of a batch of them, that anomaly had not observed before (a redelivery observes
/// none, so no event).
/// Stream key <c>calls:{batchId}</c>. Runs, hourly and monthly stats and the detections' state are a projection of
/// these events, together with <see cref="Runs.ClosingIdleRuns.IdleRunsClosed"/> and the registry's events. The calls
/// are stored as columns (<see cref="ObservedCallsJson"/>).
/// </summary>
public sealed record CallsObserved(Guid BatchId, DateTimeOffset ObservedAt,
    [property: JsonConverter(typeof(ObservedCallsJson))] IReadOnlyList<ObservedCall> Calls)
{
    public static string StreamKey(Guid batchId) => $"calls:{batchId}";
}
