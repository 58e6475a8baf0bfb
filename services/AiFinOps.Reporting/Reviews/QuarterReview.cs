using Marten.Events.Aggregation;

namespace AiFinOps.Reporting.Reviews;

/// <summary>A quarter's review as recorded so far: its decisions in the order they were taken.</summary>
public sealed record QuarterReview(string Id, string Quarter, IReadOnlyList<ReviewDecisionRecorded> Decisions)
{
    public static QuarterReview Create(ReviewDecisionRecorded e) => new(ReviewDecisionRecorded.StreamKey(e.Quarter), e.Quarter, [e]);

    public QuarterReview Apply(ReviewDecisionRecorded e) => this with { Decisions = [.. Decisions, e] };
}

public sealed partial class QuarterReviewProjection : SingleStreamProjection<QuarterReview, string>
{
    public QuarterReview Create(ReviewDecisionRecorded e) => QuarterReview.Create(e);

    public QuarterReview Apply(ReviewDecisionRecorded e, QuarterReview review) => review.Apply(e);
}
