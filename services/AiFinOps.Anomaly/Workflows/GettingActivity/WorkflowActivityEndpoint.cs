using AiFinOps.Anomaly.Watching;
using AiFinOps.ServiceDefaults.Queries;
using AiFinOps.ServiceDefaults.Security;
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
            .WithSummary("Per workflow in a time range: calls, runs, tokens and effective cost.")
            .WithDescription(TimeRange.Describe("the last 7 days") + " A team-restricted key sees only its teams.");
        return app;
    }

    private static async Task<Results<Ok<WorkflowsActivity>, ValidationProblem>> GetAsync(
        string? from, string? to, HttpContext http, WatchStore tables, NpgsqlDataSource database, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (range, errors) = TimeRange.Parse(from, to, TimeRange.LastDays(7, clock.GetUtcNow()));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        TeamScope.TryResolve(http.ApiKey(), team: null, out var teams);

        await using var command = database.CreateCommand($"""
            select workflow, count(*), count(distinct (team, run_key)), sum(input_tokens)::bigint,
                   sum(output_tokens)::bigint, coalesce(sum(effective_cost_usd), 0)
            from {tables.Schema}.{WatchTables.Calls}
            where occurred_at >= $1 and occurred_at < $2 and ($3::text[] is null or team = any($3))
            group by workflow
            order by workflow
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = range!.Value.From });
        command.Parameters.Add(new NpgsqlParameter { Value = range.Value.To });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = (object?)teams ?? DBNull.Value });

        var workflows = new List<WorkflowActivity>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            workflows.Add(new WorkflowActivity(
                reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetDecimal(5)));
        }
        return TypedResults.Ok(new WorkflowsActivity(range.Value.From, range.Value.To, workflows));
    }
}
