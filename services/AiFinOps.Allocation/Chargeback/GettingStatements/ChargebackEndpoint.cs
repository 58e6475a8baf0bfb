using AiFinOps.Allocation.Chargeback.Freezing;
using AiFinOps.Allocation.Periods;
using AiFinOps.ServiceDefaults.Security;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFinOps.Allocation.Chargeback.GettingStatements;

public static class ChargebackEndpoint
{
    public static void MapChargebackStatement(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/chargeback/{period}", Handle)
            .RequireScope(ApiScopes.Read)
            .WithSummary("A billing period's chargeback statement per cost centre (or groupBy=team,workflow,…), as JSON or CSV")
            .WithDescription("period: yyyy-MM in the organisation's time zone. groupBy: comma-separated cost_centre (default), team, " +
                "workflow, environment, provider, model. Regular and correction lines, and shares of shared costs, are shown apart; " +
                "totals tie out to the ledger of the billing period. CSV with Accept: text/csv or format=csv (RFC 4180, decimals unrounded). " +
                "A closed period's statement is frozen as it was when the period closed. Scope finance sees everything; a " +
                "team-restricted key only its teams' lines and totals.")
            .Produces<ChargebackDocument>()
            .Produces<string>(200, "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(403);

    private static async Task<IResult> Handle(string period, string? groupBy, string? format, HttpContext http, IDocumentStore store,
        NpgsqlDataSource database, PeriodCharges charges, IOptions<AllocationOptions> options, CancellationToken ct)
    {
        var key = http.ApiKey();
        if (!key.IsTeamRestricted && !key.HasScope(ApiScopes.Finance))
        {
            return Results.Problem(statusCode: 403, title: "Forbidden", detail: "The organisation's chargeback statement needs a key " +
                "with the finance scope; a key restricted to teams sees its teams' lines.");
        }
        var (query, errors) = ChargebackQuery.Parse(period, groupBy, format, http.Request.Headers.Accept.ToString(),
            http.Request.Query.Keys);
        if (query is null) return Results.ValidationProblem(errors, title: "The chargeback request is invalid");

        var zone = options.Value.Zone;
        await using var session = store.QuerySession();
        var calendar = await session.LoadAsync<BillingCalendar>(BillingCalendar.StreamKey, ct) ?? BillingCalendar.Empty;
        // The closing that closed this period: its own, or the first closing ever when it closed earlier periods too.
        var closing = calendar.IsClosed(query.Period)
            ? calendar.Closings.First(c => BillingPeriod.TryParse(c.Period, out var p) && p >= query.Period)
            : null;

        IReadOnlyList<Charge> allocated;
        DateTimeOffset? frozenAt = null;
        if (closing is not null && await session.LoadAsync<FrozenStatement>(FrozenStatement.StreamKey(query.Period.ToString()), ct) is { } frozen)
        {
            (allocated, frozenAt) = (frozen.Charges, frozen.FrozenAt);
        }
        else
        {
            // Open: today's rules. Closed before statements were frozen: the rules as they were when it closed.
            var rules = closing is null
                ? await PeriodCharges.CurrentRulesAsync(session, ct)
                : await PeriodCharges.RulesWhenClosedAsync(session, closing, ct);
            await using var connection = await database.OpenConnectionAsync(ct);
            allocated = await charges.AllocateAsync(query.Period, rules, connection, null, ct);
        }

        var heading = new StatementHeading(query.Period.ToString(), options.Value.TimeZone, query.Period.Start(zone), query.Period.End(zone),
            closing is null ? "open" : "closed", closing?.ClosedAt, closing?.ClosedBy, frozenAt);
        var statement = ChargebackStatement.Build(heading, allocated, query.GroupBy, key.Teams);
        if (query.Format == ChargebackQuery.Csv)
        {
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"chargeback-{heading.Period}.csv\"";
            return Results.Text(ChargebackCsv.Write(statement), ChargebackCsv.ContentType);
        }
        return Results.Ok(ChargebackDocument.Of(statement));
    }
}
