using Marten;
using Marten.Events.Aggregation;

namespace AiFinOps.Reporting.Outcomes;

/// <summary>
/// One recorded outcome as a row to sum over, written inline with its stream. The columns the read filters and
/// groups on are duplicated out of the JSON (and indexed); the quantity it sums stays in the JSON.
/// </summary>
public sealed record DeliveredOutcome(
    string Id,
    DateTimeOffset OccurredAt,
    string Team,
    string Workflow,
    string Unit,
    double Quantity)
{
    public const string Table = "mt_doc_delivered_outcome";

    public static void Configure(StoreOptions options) =>
        options.Schema.For<DeliveredOutcome>()
            .DocumentAlias("delivered_outcome")
            .Duplicate(x => x.OccurredAt)
            .Duplicate(x => x.Team)
            .Duplicate(x => x.Workflow)
            .Duplicate(x => x.Unit);
}

public sealed partial class DeliveredOutcomeProjection : SingleStreamProjection<DeliveredOutcome, string>
{
    public DeliveredOutcome Create(OutcomeRecorded e) =>
        new(OutcomeRecorded.StreamKey(e.EventId), e.OccurredAt, e.Team, e.Workflow, e.Unit, e.Quantity);
}
