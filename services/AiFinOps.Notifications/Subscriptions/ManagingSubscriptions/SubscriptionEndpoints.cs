using System.Text.Json;
using AiFinOps.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFinOps.Notifications.Subscriptions.ManagingSubscriptions;

/// <summary>Subscriptions CRUD, admin only (their URLs and addresses are where alerts go); a team-restricted key manages its teams' only.</summary>
public static class SubscriptionEndpoints
{
    public static IEndpointRouteBuilder MapSubscriptions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/subscriptions", DefineAsync).RequireScope(ApiScopes.Admin).WithName("DefineSubscription")
            .WithSummary("Defines a subscription: name (what webhook:NAME recipients call it), kind webhook (url, format json|slack, optional signing secret) or email (addresses), filter (kinds such as budget.* , team, minSeverity), enabled.");
        app.MapGet("/api/v1/subscriptions", ListAsync).RequireScope(ApiScopes.Admin).WithName("ListSubscriptions")
            .WithSummary("The subscriptions this key may see, by name. Secrets are never shown: hasSecret says whether there is one, and a webhook url is masked (scheme, host and a fingerprint: https://hooks.slack.com/…(a1b2c3)).");
        app.MapGet("/api/v1/subscriptions/{id}", GetAsync).RequireScope(ApiScopes.Admin).WithName("GetSubscription");
        app.MapPut("/api/v1/subscriptions/{id}", AmendAsync).RequireScope(ApiScopes.Admin).WithName("AmendSubscription")
            .WithSummary("Replaces a subscription's fields (its kind stays). An absent secret keeps the current one; null clears it. The current url as shown (masked) keeps the current url.");
        app.MapDelete("/api/v1/subscriptions/{id}", RemoveAsync).RequireScope(ApiScopes.Admin).WithName("RemoveSubscription")
            .WithSummary("Removes a subscription: it receives nothing more and its name is free again; its deliveries stay in the log.");
        return app;
    }

    private static async Task<Results<Created<SubscriptionView>, ValidationProblem, ProblemHttpResult>> DefineAsync(
        JsonElement body, HttpContext http, SubscriptionCommands commands, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (id, draft, errors) = SubscriptionRequest.Parse(body);
        if (id is not null && !IsSubscriptionId(id)) errors = [.. errors, new("id", $"'{id}' is not a subscription id; use 1 to 64 lower-case letters, digits or '-'")];
        var (terms, termErrors) = draft.Validate();
        if (errors.Count > 0 || terms is null) return Problems.Invalid([.. errors, .. termErrors]);
        var key = http.ApiKey();
        if (!terms.VisibleTo(key.Teams)) return Problems.OutsideTeams(terms.Filter.Team);

        var (decision, subscription) = await commands.DefineAsync(new DefineSubscription(id ?? NewId(), draft, clock.GetUtcNow(), key.Name), cancellationToken);
        if (!decision.Accepted) return decision.Conflict ? Problems.Conflict(decision.Errors) : Problems.Invalid(decision.Errors);
        return TypedResults.Created($"/api/v1/subscriptions/{subscription!.Id}", SubscriptionView.Of(subscription));
    }

    private static async Task<Ok<IReadOnlyList<SubscriptionView>>> ListAsync(HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        var teams = http.ApiKey().Teams;
        var subscriptions = await session.Query<Subscription>().Where(s => !s.Removed).ToListAsync(cancellationToken);
        IReadOnlyList<SubscriptionView> visible = subscriptions.Where(s => s.Terms.VisibleTo(teams))
            .OrderBy(s => s.Terms.Name, StringComparer.Ordinal).Select(SubscriptionView.Of).ToList();
        return TypedResults.Ok(visible);
    }

    private static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> GetAsync(string id, HttpContext http, IQuerySession session,
        CancellationToken cancellationToken) =>
        await VisibleAsync(id, http, session, cancellationToken) is { } subscription
            ? TypedResults.Ok(SubscriptionView.Of(subscription))
            : Problems.NotFound("subscription", id);

    private static async Task<Results<Ok<SubscriptionView>, ValidationProblem, ProblemHttpResult>> AmendAsync(string id, JsonElement body,
        HttpContext http, IQuerySession session, SubscriptionCommands commands, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, http, session, cancellationToken) is not { } current) return Problems.NotFound("subscription", id);
        var (bodyId, draft, errors) = SubscriptionRequest.Parse(body);
        // A subscription read, changed and sent back carries the masked url: it means the url stays.
        if (current.Terms.Url is { } url && draft.Url?.Trim() == WebhookUrlMask.Of(url)) draft = draft with { Url = url };
        if (bodyId is not null && bodyId != id) errors = [.. errors, new("id", $"the body names subscription '{bodyId}', the path '{id}'")];
        var (terms, termErrors) = draft.Validate(current.Terms.Secret);
        if (errors.Count > 0 || terms is null) return Problems.Invalid([.. errors, .. termErrors]);
        var key = http.ApiKey();
        if (!terms.VisibleTo(key.Teams)) return Problems.OutsideTeams(terms.Filter.Team);

        var (decision, subscription) = await commands.AmendAsync(id, new AmendSubscription(draft, clock.GetUtcNow(), key.Name), cancellationToken);
        if (subscription is null) return Problems.NotFound("subscription", id);
        if (!decision.Accepted) return decision.Conflict ? Problems.Conflict(decision.Errors) : Problems.Invalid(decision.Errors);
        return TypedResults.Ok(SubscriptionView.Of(subscription));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string id, HttpContext http, IQuerySession session,
        SubscriptionCommands commands, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, http, session, cancellationToken) is null) return Problems.NotFound("subscription", id);
        var decision = await commands.RemoveAsync(id, new RemoveSubscription(clock.GetUtcNow(), http.ApiKey().Name), cancellationToken);
        return decision.Accepted ? TypedResults.NoContent() : Problems.NotFound("subscription", id);
    }

    /// <summary>The subscription if it exists, is not removed and this key may see it: another team's is as good as absent (404).</summary>
    public static async Task<Subscription?> VisibleAsync(string id, HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        if (!IsSubscriptionId(id)) return null;
        var subscription = await session.LoadAsync<Subscription>(id, cancellationToken);
        return subscription is { Removed: false } && subscription.Terms.VisibleTo(http.ApiKey().Teams) ? subscription : null;
    }

    public static bool IsSubscriptionId(string id) => id.Length is > 0 and <= 64 && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    public static string NewId() => Guid.NewGuid().ToString("N")[..16];
}
