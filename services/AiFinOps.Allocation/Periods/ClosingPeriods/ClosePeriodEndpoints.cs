using AiFinOps.Allocation.Ledger;
using AiFinOps.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFinOps.Allocation.Periods.ClosingPeriods;

public static class ClosePeriodEndpoints
{
    public static void MapBillingPeriods(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/periods", List)
            .RequireScope(ApiScopes.Read)
            .WithSummary("Billing periods: the organisation's time zone, which periods are closed, and when and by whom");
        routes.MapPost("/api/v1/periods/{period}/close", Close)
            .RequireScope(ApiScopes.Finance)
            .WithSummary("Close a billing period (yyyy-MM): later usage and re-pricing for it become corrections in the next open period")
            .ProducesValidationProblem();
    }

    private static async Task<IResult> List(IQuerySession session, IOptions<AllocationOptions> options, CancellationToken ct)
    {
        var calendar = await session.LoadAsync<BillingCalendar>(BillingCalendar.StreamKey, ct) ?? BillingCalendar.Empty;
        return Results.Ok(new BillingPeriods(options.Value.TimeZone, calendar.ClosedThrough, calendar.Closings));
    }

    private static async Task<IResult> Close(string period, HttpContext http, NpgsqlDataSource database, IDocumentStore store,
        IOptions<AllocationOptions> options, TimeProvider clock, [FromServices] IEnumerable<IPeriodClosingStep> closingSteps, CancellationToken ct)
    {
        if (http.ApiKey().IsTeamRestricted)
            return Results.Problem(statusCode: 403, title: "Forbidden", detail: "A team-restricted key cannot close a billing period for the whole organisation.");
        if (!BillingPeriod.TryParse(period, out var billingPeriod))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["period"] = [$"'{period}' is not a billing period like 2026-10"] });

        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LedgerLock.TakeAloneAsync(connection, transaction, ct);
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        var stream = await session.Events.FetchForWriting<BillingCalendar>(BillingCalendar.StreamKey, ct);

        var (closed, error) = PeriodClosing.Close(stream.Aggregate ?? BillingCalendar.Empty, billingPeriod, options.Value.Zone,
            http.ApiKey().Name, clock.GetUtcNow());
        if (closed is null) return Results.Problem(statusCode: 409, title: "The period cannot be closed", detail: error);

        stream.AppendOne(closed);
        foreach (var step in closingSteps)
            await step.OnClosingAsync(stream.Aggregate ?? BillingCalendar.Empty, closed, session, connection, transaction, ct);
        await session.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Results.Ok(closed);
    }
}

/// <summary>The billing calendar as the API shows it.</summary>
public sealed record BillingPeriods(string TimeZone, string? ClosedThrough, IReadOnlyList<BillingPeriodClosed> Closings);
