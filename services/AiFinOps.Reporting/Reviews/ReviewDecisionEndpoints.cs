using AiFinOps.Reporting.Endpoints;
using AiFinOps.Reporting.Periods;
using AiFinOps.ServiceDefaults.Security;
using Marten;

namespace AiFinOps.Reporting.Reviews;

/// <summary>
/// A quarterly review's decisions, per workflow: recorded with the finance scope, read with read. The review of
/// <c>2026-Q3</c> is the one held over that quarter's pack; the monthly reports after it show each decision's realised saving.
/// </summary>
public static class ReviewDecisionEndpoints
{
    public static IEndpointRouteBuilder MapReviewDecisions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/reports/reviews/{quarter}/decisions", RecordAsync).RequireScope(ApiScopes.Finance).WithName("RecordReviewDecision")
            .WithSummary("Records a review decision: { workflow, change (" + string.Join(", ", ReviewChanges.All) + "), description, expectedMonthlySavingUsd }.");
        app.MapGet("/api/v1/reports/reviews/{quarter}/decisions", ListAsync).RequireScope(ApiScopes.Read).WithName("ListReviewDecisions")
            .WithSummary("The decisions of a quarter's review, in the order recorded.");
        return app;
    }

    private static async Task<IResult> RecordAsync(string quarter, ReviewDecisionDraft draft, HttpContext http, IDocumentStore store, TimeProvider clock,
        CancellationToken ct)
    {
        if (ReportProblems.OrganisationWide(http) is { } forbidden) return forbidden;
        if (ReportPeriod.ParseQuarter(quarter, out var reason) is not { } period) return ReportProblems.InvalidPeriod("quarter", reason!);
        var (decision, errors) = draft.Decide(period.Key, Guid.NewGuid(), clock.GetUtcNow(), http.ApiKey().Name);
        if (decision is null) return Results.ValidationProblem(errors, title: "The review decision is invalid");

        await using var session = store.LightweightSession();
        // Appending (no expected version) keeps concurrent decisions of one review from conflicting.
        session.Events.Append(ReviewDecisionRecorded.StreamKey(period.Key), decision);
        await session.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/reports/reviews/{period.Key}/decisions", decision);
    }

    private static async Task<IResult> ListAsync(string quarter, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        if (ReportProblems.OrganisationWide(http) is { } forbidden) return forbidden;
        if (ReportPeriod.ParseQuarter(quarter, out var reason) is not { } period) return ReportProblems.InvalidPeriod("quarter", reason!);
        var review = await session.LoadAsync<QuarterReview>(ReviewDecisionRecorded.StreamKey(period.Key), ct);
        return Results.Ok(review?.Decisions ?? []);
    }
}
