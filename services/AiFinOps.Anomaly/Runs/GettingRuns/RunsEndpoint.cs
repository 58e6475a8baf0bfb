using AiFinOps.Anomaly.Watching;
using AiFinOps.ServiceDefaults.Queries;
using AiFinOps.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;

namespace AiFinOps.Anomaly.Runs.GettingRuns;

public static class RunsEndpoint
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapRuns(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/runs", GetAsync)
            .RequireScope(ApiScopes.Read)
            .WithName("GetRuns")
            .WithSummary("Workflow runs active in a time range, most recent first: calls sharing a run id folded into one run, with their whole totals.")
            .WithDescription(TimeRange.Describe("the last 7 days") +
                $" workflow, team: only that workflow or team; a team-restricted key reads only its teams. limit: 1 to {MaxLimit} runs (default {DefaultLimit}).");
        return app;
    }

    private static async Task<Results<Ok<WorkflowRuns>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string? workflow, string? team, string? from, string? to, string? limit,
        HttpContext http, WatchStore tables, NpgsqlDataSource database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (range, errors) = TimeRange.Parse(from, to, TimeRange.LastDays(7, clock.GetUtcNow()));
        var rows = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out rows) || rows is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"'{limit}' is not a number of runs between 1 and {MaxLimit}."];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (!TeamScope.TryResolve(http.ApiKey(), team, out var teams))
        {
            return TypedResults.Problem($"This key may not read team '{team}'.", statusCode: StatusCodes.Status403Forbidden);
        }

        await using var command = database.CreateCommand($"""
            select r.run_key, r.team, r.workflow, r.calls, r.input_tokens, r.output_tokens, r.effective_cost_usd, r.first_at, r.last_at,
                {WatchTables.RunsClosed("r", "w")}, r.token_spike
            from {tables.Schema}.{WatchTables.Runs} r
            left join {tables.Schema}.{WatchTables.Watch} w on w.workflow = r.workflow
            where r.last_at >= $1 and r.first_at < $2
              and ($3::text is null or r.workflow = $3) and ($4::text[] is null or r.team = any($4))
            order by r.last_at desc, r.run_key
            limit $5
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = range!.Value.From });
        command.Parameters.Add(new NpgsqlParameter { Value = range.Value.To });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)workflow ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = (object?)teams ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = rows });

        var runs = new List<WorkflowRun>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new WorkflowRun(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetDecimal(6), reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetFieldValue<DateTimeOffset>(8), reader.GetBoolean(9), reader.GetBoolean(10)));
        }
        return TypedResults.Ok(new WorkflowRuns(range.Value.From, range.Value.To, runs));
    }
}
