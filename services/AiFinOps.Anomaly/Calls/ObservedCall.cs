using AiFinOps.Anomaly.Runs;
using Marten;
using Marten.Events.Aggregation;

namespace AiFinOps.Anomaly.Calls;

/// <summary>
/// One observed call as a row to fold runs and workflow activity from, written inline with its stream. The columns
/// the reads filter and group on are duplicated out of the JSON (and indexed); tokens and costs stay in the JSON.
/// </summary>
public sealed record ObservedCall(
    string Id,
    string EventId,
    DateTimeOffset OccurredAt,
    string Team,
    string Workflow,
    string Environment,
    string Provider,
    string Model,
    string RunKey,
    long InputTokens,
    long OutputTokens,
    decimal? ListCostUsd,
    decimal? EffectiveCostUsd)
{
    public const string Table = "mt_doc_observed_call";

    public static void Configure(StoreOptions options) =>
        options.Schema.For<ObservedCall>()
            .DocumentAlias("observed_call")
            .Duplicate(x => x.OccurredAt)
            .Duplicate(x => x.Team)
            .Duplicate(x => x.Workflow)
            .Duplicate(x => x.RunKey);
}

public sealed partial class ObservedCallProjection : SingleStreamProjection<ObservedCall, string>
{
    public ObservedCall Create(CallObserved e) => new(
        CallObserved.StreamKey(e.EventId), e.EventId, e.OccurredAt, e.Team, e.Workflow, e.Environment, e.Provider,
        e.Model, RunKey.Of(e.RunId, e.EventId), e.InputTokens, e.OutputTokens, e.ListCostUsd, e.EffectiveCostUsd);
}
