using AiFinOps.Anomaly.Calls;
using AiFinOps.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;

namespace AiFinOps.Anomaly.Workflows.GettingActivity;

public static class WorkflowActivityEndpoint
{
    public static IEndpointRouteBuilder MapWorkflowActivity(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/workflows/activity", GetAsync)
            .RequireScope(ApiScopes.Read)
            .WithName("GetWorkflowActivity")
            .WithSummary("Per workflow in [from, to): calls, runs, tokens and effective cost; team-restricted keys see only their teams.");
        return app;
    }

    private static async Task<Results<Ok<WorkflowsActivity>, ValidationProblem>> GetAsync(
        string? from, string? to, HttpContext http, IDocumentStore store, NpgsqlDataSource database, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (window, errors) = TimeWindow.Parse(from, to, clock.GetUtcNow());
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        TeamScope.TryResolve(http.ApiKey(), team: null, out var teams);

        await using var command = database.CreateCommand($"""
            select workflow, count(*), count(distinct (team, run_key)), sum((data ->> 'inputTokens')::bigint)::bigint,
                   sum((data ->> 'outputTokens')::bigint)::bigint, coalesce(sum((data ->> 'effectiveCostUsd')::numeric), 0)
            from {store.Options.DatabaseSchemaName}.{ObservedCall.Table}
            where occurred_at >= $1 and occurred_at < $2 and ($3::text[] is null or team = any($3))
            group by workflow
            order by workflow
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = window!.Value.From });
        command.Parameters.Add(new NpgsqlParameter { Value = window.Value.To });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = (object?)teams ?? DBNull.Value });

        var workflows = new List<WorkflowActivity>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            workflows.Add(new WorkflowActivity(
                reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetDecimal(5)));
        }
        return TypedResults.Ok(new WorkflowsActivity(window.Value.From, window.Value.To, workflows));
    }
}
