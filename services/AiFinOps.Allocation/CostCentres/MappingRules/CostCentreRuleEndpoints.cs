using AiFinOps.Allocation.Rules;
using AiFinOps.ServiceDefaults.Security;
using Marten;
using Microsoft.Extensions.Options;

namespace AiFinOps.Allocation.CostCentres.MappingRules;

public static class CostCentreRuleEndpoints
{
    private const string Route = "/api/v1/cost-centres/rules";

    public static void MapCostCentreRules(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Route, Define)
            .RequireScope(ApiScopes.Finance)
            .WithSummary("Map a team, a cost_centre tag value or a value of a configured tag dimension to a cost centre from a day on")
            .WithDescription("Body: {dimension, value, costCentre, effectiveFrom (yyyy-MM-dd), effectiveTo (optional, excluded)}. " +
                "A value maps to one cost centre on any day: overlapping dates are a 409. The same rule again changes nothing.")
            .Accepts<DefineCostCentreRule>("application/json")
            .Produces<CostCentreRuleView>(201)
            .ProducesValidationProblem()
            .ProducesProblem(409);
        routes.MapGet(Route, List)
            .RequireScope(ApiScopes.Read)
            .WithSummary("The cost-centre rules, past, present and future (optionally of one dimension)");
        routes.MapGet(Route + "/{id}", Get)
            .RequireScope(ApiScopes.Read)
            .WithSummary("One cost-centre rule")
            .ProducesProblem(404);
        routes.MapPut(Route + "/{id}", Amend)
            .RequireScope(ApiScopes.Finance)
            .WithSummary("Replace a rule's cost centre and dates (closed billing periods keep the statement they were closed with)")
            .Accepts<AmendCostCentreRule>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(404)
            .ProducesProblem(409);
        routes.MapPost(Route + "/{id}/end", End)
            .RequireScope(ApiScopes.Finance)
            .WithSummary("End a rule from a day on ({\"effectiveTo\": \"2026-07-01\"}, the first day it no longer applies); an end can be brought forward, not pushed back")
            .Accepts<EndCostCentreRule>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(404)
            .ProducesProblem(409);
    }

    private static async Task<IResult> Define(HttpContext http, IDocumentSession session, IOptions<AllocationOptions> options,
        TimeProvider clock, CancellationToken ct)
    {
        if (http.ApiKey().IsTeamRestricted) return RefusalProblem.TeamKeyCannotChangeRules();
        var (command, problem) = await RequestBody.ReadAsync<DefineCostCentreRule>(http.Request, ct);
        if (command is null) return problem!;

        var stream = await session.Events.FetchForWriting<CostCentreMapping>(CostCentreDecisions.StreamKeyOf(command), ct);
        var (defined, repeated, refusal) = CostCentreDecisions.Define(stream.Aggregate, command, options.Value.ExtraDimensions,
            "ccr-" + Guid.NewGuid().ToString("N")[..12], http.ApiKey().Name, clock.GetUtcNow());
        if (refusal is not null) return refusal.ToProblem("The cost-centre rule is invalid");
        if (defined is null) return Results.Ok(CostCentreRuleView.Of(repeated!));

        stream.AppendOne(defined);
        if (await session.SaveOrConflictAsync(ct) is { } conflict) return conflict;
        return Results.Created($"{Route}/{defined.Rule.Id}", CostCentreRuleView.Of(defined.Rule));
    }

    private static async Task<IResult> List(string? dimension, IQuerySession session, CancellationToken ct)
    {
        var mappings = await session.Query<CostCentreMapping>().ToListAsync(ct);
        var rules = mappings
            .Where(m => string.IsNullOrWhiteSpace(dimension) || m.Dimension == dimension.Trim().ToLowerInvariant())
            .SelectMany(m => m.Rules)
            .OrderBy(r => r.Dimension, StringComparer.Ordinal).ThenBy(r => r.Value, StringComparer.Ordinal).ThenBy(r => r.Dates.From)
            .Select(CostCentreRuleView.Of)
            .ToList();
        return Results.Ok(new CostCentreRuleList(rules));
    }

    private static async Task<IResult> Get(string id, IQuerySession session, CancellationToken ct) =>
        await FindAsync(session, id, ct) is { } mapping
            ? Results.Ok(CostCentreRuleView.Of(mapping.Rules.Single(r => r.Id == id)))
            : Refusal.NotFound("id", $"no cost-centre rule '{id}' is recorded").ToProblem("No such rule");

    private static async Task<IResult> Amend(string id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (http.ApiKey().IsTeamRestricted) return RefusalProblem.TeamKeyCannotChangeRules();
        var (command, problem) = await RequestBody.ReadAsync<AmendCostCentreRule>(http.Request, ct);
        if (command is null) return problem!;
        if (await FindAsync(session, id, ct) is not { } found)
            return Refusal.NotFound("id", $"no cost-centre rule '{id}' is recorded").ToProblem("No such rule");

        var stream = await session.Events.FetchForWriting<CostCentreMapping>(found.Id, ct);
        var (amended, refusal) = CostCentreDecisions.Amend(stream.Aggregate, id, command, http.ApiKey().Name, clock.GetUtcNow());
        if (refusal is not null) return refusal.ToProblem("The amendment is invalid");
        if (amended is null) return Results.Ok(CostCentreRuleView.Of(stream.Aggregate!.Rules.Single(r => r.Id == id)));

        stream.AppendOne(amended);
        if (await session.SaveOrConflictAsync(ct) is { } conflict) return conflict;
        return Results.Ok(CostCentreRuleView.Of(amended.Rule));
    }

    private static async Task<IResult> End(string id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (http.ApiKey().IsTeamRestricted) return RefusalProblem.TeamKeyCannotChangeRules();
        var (command, problem) = await RequestBody.ReadAsync<EndCostCentreRule>(http.Request, ct);
        if (command is null) return problem!;
        if (await FindAsync(session, id, ct) is not { } found)
            return Refusal.NotFound("id", $"no cost-centre rule '{id}' is recorded").ToProblem("No such rule");

        var stream = await session.Events.FetchForWriting<CostCentreMapping>(found.Id, ct);
        var (ended, refusal) = CostCentreDecisions.End(stream.Aggregate, id, command, http.ApiKey().Name, clock.GetUtcNow());
        if (refusal is not null) return refusal.ToProblem("The rule cannot end then");
        if (ended is not null)
        {
            stream.AppendOne(ended);
            if (await session.SaveOrConflictAsync(ct) is { } conflict) return conflict;
        }
        var mapping = ended is null ? stream.Aggregate! : stream.Aggregate!.Apply(ended);
        return Results.Ok(CostCentreRuleView.Of(mapping.Rules.Single(r => r.Id == id)));
    }

    /// <summary>The mapping holding a rule: rules are few (one per team or tag value and period), so all are read.</summary>
    private static async Task<CostCentreMapping?> FindAsync(IQuerySession session, string id, CancellationToken ct) =>
        (await session.Query<CostCentreMapping>().ToListAsync(ct)).FirstOrDefault(m => m.Rules.Any(r => r.Id == id));
}

/// <summary>A cost-centre rule as the API shows it.</summary>
public sealed record CostCentreRuleView(
    string Id, string Dimension, string Value, string CostCentre, DateOnly EffectiveFrom, DateOnly? EffectiveTo,
    string RecordedBy, DateTimeOffset RecordedAt)
{
    public static CostCentreRuleView Of(CostCentreRule r) =>
        new(r.Id, r.Dimension, r.Value, r.CostCentre, r.Dates.From, r.Dates.To, r.RecordedBy, r.RecordedAt);
}

public sealed record CostCentreRuleList(IReadOnlyList<CostCentreRuleView> Rules);
