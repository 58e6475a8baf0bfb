using System.Text.Json;
using AiFinOps.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AiFinOps.Anomaly.Workflows.ManagingWorkflows;

/// <summary>
/// The workflow registry. Writing needs the admin scope, reading the read scope; a team-restricted key sees and
/// manages only workflows its teams own.
/// </summary>
public static class WorkflowEndpoints
{
    public static IEndpointRouteBuilder MapWorkflows(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/workflows", RegisterAsync).RequireScope(ApiScopes.Admin).WithName("RegisterWorkflow")
            .WithSummary("Registers a workflow (the launch checklist): name (its usage's workflow tag), ownerTeam, description, models, valueUnit, estimatedMonthlyCostUsd, expectedTokensPerRun, expectedRunsPerDay, launchDate, tokenSpikeFactor (default 2), outputShiftThreshold (default 0.5).");
        app.MapGet("/api/v1/workflows", ListAsync).RequireScope(ApiScopes.Read).WithName("ListWorkflows")
            .WithSummary("The registered workflows this key may see, by name; retired ones with ?includeRetired=true. missing lists the checklist items not filled in.");
        app.MapGet("/api/v1/workflows/{name}", GetAsync).RequireScope(ApiScopes.Read).WithName("GetWorkflow");
        app.MapPut("/api/v1/workflows/{name}", AmendAsync).RequireScope(ApiScopes.Admin).WithName("AmendWorkflow")
            .WithSummary("Amends a workflow: the body's terms replace its terms (the name stays).");
        app.MapDelete("/api/v1/workflows/{name}", RetireAsync).RequireScope(ApiScopes.Admin).WithName("RetireWorkflow")
            .WithSummary("Retires a workflow: spend from it is reported as unregistered from now on; its history stays. POST registers it again.");
        return app;
    }

    private static async Task<Results<Created<WorkflowView>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        JsonElement body, HttpContext http, WorkflowCommands commands, IOptions<AnomalyOptions> options, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (name, draft, errors) = WorkflowRequest.Parse(body);
        var (terms, termErrors) = draft.Validate();
        var nameProblem = WorkflowDraft.NameProblem(name);
        if (errors.Count > 0 || terms is null || nameProblem is not null)
            return Problems.Invalid([.. nameProblem is null ? [] : new[] { new FieldError("name", nameProblem) }, .. errors, .. termErrors]);
        var key = http.ApiKey();
        if (!key.AllowsTeam(terms.OwnerTeam)) return Problems.OutsideTeams("ownerTeam", terms.OwnerTeam);

        var (decision, workflow) = await commands.RegisterAsync(new RegisterWorkflow(name!, draft, clock.GetUtcNow(), key.Name), cancellationToken);
        if (!decision.Accepted)
            return decision.Conflict ? Problems.Conflict("The workflow is registered already", decision.Errors) : Problems.Invalid(decision.Errors);
        return TypedResults.Created($"/api/v1/workflows/{Uri.EscapeDataString(workflow!.Name)}", WorkflowView.Of(workflow, options.Value));
    }

    private static async Task<Ok<IReadOnlyList<WorkflowView>>> ListAsync(bool? includeRetired, HttpContext http, IQuerySession session,
        IOptions<AnomalyOptions> options, CancellationToken cancellationToken)
    {
        var key = http.ApiKey();
        var workflows = includeRetired == true
            ? await session.Query<Workflow>().ToListAsync(cancellationToken)
            : await session.Query<Workflow>().Where(w => !w.Retired).ToListAsync(cancellationToken);
        IReadOnlyList<WorkflowView> visible = workflows.Where(w => key.AllowsTeam(w.Terms.OwnerTeam))
            .OrderBy(w => w.Name, StringComparer.Ordinal).Select(w => WorkflowView.Of(w, options.Value)).ToList();
        return TypedResults.Ok(visible);
    }

    private static async Task<Results<Ok<WorkflowView>, ProblemHttpResult>> GetAsync(string name, HttpContext http, IQuerySession session,
        IOptions<AnomalyOptions> options, CancellationToken cancellationToken) =>
        await VisibleAsync(name, http, session, cancellationToken) is { } workflow
            ? TypedResults.Ok(WorkflowView.Of(workflow, options.Value))
            : Problems.NotFound("workflow", name);

    private static async Task<Results<Ok<WorkflowView>, ValidationProblem, ProblemHttpResult>> AmendAsync(string name, JsonElement body,
        HttpContext http, IQuerySession session, WorkflowCommands commands, IOptions<AnomalyOptions> options, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await VisibleAsync(name, http, session, cancellationToken) is null) return Problems.NotFound("workflow", name);
        var (bodyName, draft, errors) = WorkflowRequest.Parse(body);
        if (bodyName is not null && bodyName != name) errors = [.. errors, new("name", $"the body names workflow '{bodyName}', the path '{name}'; a workflow cannot be renamed")];
        var (terms, termErrors) = draft.Validate();
        if (errors.Count > 0 || terms is null) return Problems.Invalid([.. errors, .. termErrors]);
        var key = http.ApiKey();
        if (!key.AllowsTeam(terms.OwnerTeam)) return Problems.OutsideTeams("ownerTeam", terms.OwnerTeam);

        var (decision, workflow) = await commands.AmendAsync(name, new AmendWorkflow(draft, clock.GetUtcNow(), key.Name), cancellationToken);
        if (workflow is null) return Problems.NotFound("workflow", name);
        if (!decision.Accepted)
            return decision.Conflict ? Problems.Conflict("The workflow is retired", decision.Errors) : Problems.Invalid(decision.Errors);
        return TypedResults.Ok(WorkflowView.Of(workflow, options.Value));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RetireAsync(string name, HttpContext http, IQuerySession session,
        WorkflowCommands commands, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(name, http, session, cancellationToken) is null) return Problems.NotFound("workflow", name);
        var (decision, _) = await commands.RetireAsync(name, new RetireWorkflow(clock.GetUtcNow(), http.ApiKey().Name), cancellationToken);
        return decision.Accepted ? TypedResults.NoContent() : Problems.NotFound("workflow", name);
    }

    /// <summary>The workflow if this key may see it: another team's workflow is as good as absent (404, not 403).</summary>
    private static async Task<Workflow?> VisibleAsync(string name, HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        if (WorkflowDraft.NameProblem(name) is not null) return null;
        var workflow = await session.LoadAsync<Workflow>(Workflow.StreamKey(name), cancellationToken);
        return workflow is not null && http.ApiKey().AllowsTeam(workflow.Terms.OwnerTeam) ? workflow : null;
    }
}
