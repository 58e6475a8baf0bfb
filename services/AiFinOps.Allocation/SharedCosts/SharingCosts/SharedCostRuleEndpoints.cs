using AiFinOps.Allocation.Rules;
using AiFinOps.ServiceDefaults.Security;
using Marten;

namespace AiFinOps.Allocation.SharedCosts.SharingCosts;

public static class SharedCostRuleEndpoints
{
    private const string Route = "/api/v1/shared-costs/rules";

    public static void MapSharedCostRules(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Route, Define)
            .RequireScope(ApiScopes.Finance)
            .WithSummary("Share a workflow's or a team's spend among consumer teams from a day on: proportional, even or fixed percentages")
            .WithDescription("Body: {source: {dimension: workflow|team, value}, method: proportional|even|fixed, consumers: [{team, percent}], " +
                "effectiveFrom (yyyy-MM-dd), effectiveTo (optional, excluded)}. percent only with fixed (they sum to exactly 100); " +
                "no consumers with proportional or even: every team with spend of its own in the billing period. " +
                "Proportional shares follow each consumer's own effective cost in the period. The split lines sum exactly to the original.")
            .Accepts<DefineSharedCostRule>("application/json")
            .Produces<SharedCostRuleView>(201)
            .ProducesValidationProblem()
            .ProducesProblem(409);
        routes.MapGet(Route, List)
            .RequireScope(ApiScopes.Read)
            .WithSummary("The shared-cost rules, past, present and future");
        routes.MapGet(Route + "/{id}", Get)
            .RequireScope(ApiScopes.Read)
            .WithSummary("One shared-cost rule")
            .ProducesProblem(404);
        routes.MapPut(Route + "/{id}", Amend)
            .RequireScope(ApiScopes.Finance)
            .WithSummary("Replace a rule's method, consumers and dates (closed billing periods keep the statement they were closed with)")
            .Accepts<AmendSharedCostRule>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(404)
            .ProducesProblem(409);
        routes.MapPost(Route + "/{id}/end", End)
            .RequireScope(ApiScopes.Finance)
            .WithSummary("End a rule from a day on ({\"effectiveTo\": \"2026-07-01\"}); an end can be brought forward, not pushed back")
            .Accepts<EndSharedCostRule>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(404)
            .ProducesProblem(409);
    }

    private static async Task<IResult> Define(HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (http.ApiKey().IsTeamRestricted) return RefusalProblem.TeamKeyCannotChangeRules();
        var (command, problem) = await RequestBody.ReadAsync<DefineSharedCostRule>(http.Request, ct);
        if (command is null) return problem!;

        var stream = await session.Events.FetchForWriting<SharedCostSource>(SharedCostDecisions.StreamKeyOf(command), ct);
        var (defined, repeated, refusal) = SharedCostDecisions.Define(stream.Aggregate, command,
            "scr-" + Guid.NewGuid().ToString("N")[..12], http.ApiKey().Name, clock.GetUtcNow());
        if (refusal is not null) return refusal.ToProblem("The shared-cost rule is invalid");
        if (defined is null) return Results.Ok(SharedCostRuleView.Of(repeated!));

        stream.AppendOne(defined);
        if (await session.SaveOrConflictAsync(ct) is { } conflict) return conflict;
        return Results.Created($"{Route}/{defined.Rule.Id}", SharedCostRuleView.Of(defined.Rule));
    }

    private static async Task<IResult> List(IQuerySession session, CancellationToken ct)
    {
        var sources = await session.Query<SharedCostSource>().ToListAsync(ct);
        var rules = sources.SelectMany(s => s.Rules)
            .OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Dates.From)
            .Select(SharedCostRuleView.Of)
            .ToList();
        return Results.Ok(new SharedCostRuleList(rules));
    }

    private static async Task<IResult> Get(string id, IQuerySession session, CancellationToken ct) =>
        await FindAsync(session, id, ct) is { } source
            ? Results.Ok(SharedCostRuleView.Of(source.Rules.Single(r => r.Id == id)))
            : Refusal.NotFound("id", $"no shared-cost rule '{id}' is recorded").ToProblem("No such rule");

    private static async Task<IResult> Amend(string id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (http.ApiKey().IsTeamRestricted) return RefusalProblem.TeamKeyCannotChangeRules();
        var (command, problem) = await RequestBody.ReadAsync<AmendSharedCostRule>(http.Request, ct);
        if (command is null) return problem!;
        if (await FindAsync(session, id, ct) is not { } found)
            return Refusal.NotFound("id", $"no shared-cost rule '{id}' is recorded").ToProblem("No such rule");

        var stream = await session.Events.FetchForWriting<SharedCostSource>(found.Id, ct);
        var (amended, refusal) = SharedCostDecisions.Amend(stream.Aggregate, id, command, http.ApiKey().Name, clock.GetUtcNow());
        if (refusal is not null) return refusal.ToProblem("The amendment is invalid");
        if (amended is null) return Results.Ok(SharedCostRuleView.Of(stream.Aggregate!.Rules.Single(r => r.Id == id)));

        stream.AppendOne(amended);
        if (await session.SaveOrConflictAsync(ct) is { } conflict) return conflict;
        return Results.Ok(SharedCostRuleView.Of(amended.Rule));
    }

    private static async Task<IResult> End(string id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (http.ApiKey().IsTeamRestricted) return RefusalProblem.TeamKeyCannotChangeRules();
        var (command, problem) = await RequestBody.ReadAsync<EndSharedCostRule>(http.Request, ct);
        if (command is null) return problem!;
        if (await FindAsync(session, id, ct) is not { } found)
            return Refusal.NotFound("id", $"no shared-cost rule '{id}' is recorded").ToProblem("No such rule");

        var stream = await session.Events.FetchForWriting<SharedCostSource>(found.Id, ct);
        var (ended, refusal) = SharedCostDecisions.End(stream.Aggregate, id, command, http.ApiKey().Name, clock.GetUtcNow());
        if (refusal is not null) return refusal.ToProblem("The rule cannot end then");
        if (ended is not null)
        {
            stream.AppendOne(ended);
            if (await session.SaveOrConflictAsync(ct) is { } conflict) return conflict;
        }
        var source = ended is null ? stream.Aggregate! : stream.Aggregate!.Apply(ended);
        return Results.Ok(SharedCostRuleView.Of(source.Rules.Single(r => r.Id == id)));
    }

    private static async Task<SharedCostSource?> FindAsync(IQuerySession session, string id, CancellationToken ct) =>
        (await session.Query<SharedCostSource>().ToListAsync(ct)).FirstOrDefault(s => s.Rules.Any(r => r.Id == id));
}

/// <summary>A shared-cost rule as the API shows it.</summary>
public sealed record SharedCostRuleView(
    string Id, SharedCostSourceView Source, string Method, IReadOnlyList<SharedCostConsumer> Consumers,
    DateOnly EffectiveFrom, DateOnly? EffectiveTo, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static SharedCostRuleView Of(SharedCostRule r) => new(r.Id, new(r.SourceDimension, r.SourceValue), r.Method,
        r.Consumers, r.Dates.From, r.Dates.To, r.RecordedBy, r.RecordedAt);
}

public sealed record SharedCostSourceView(string Dimension, string Value);

public sealed record SharedCostRuleList(IReadOnlyList<SharedCostRuleView> Rules);
