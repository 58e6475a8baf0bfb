using AiFinOps.ServiceDefaults.Queries;
using AiFinOps.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;

namespace AiFinOps.Reporting.Outcomes.GettingOutcomes;

public static class OutcomesEndpoint
{
    public static IEndpointRouteBuilder MapOutcomes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reports/outcomes", GetAsync)
            .RequireScope(ApiScopes.Read)
            .WithName("GetOutcomes")
            .WithSummary("Units delivered per workflow and unit in a time range.")
            .WithDescription(TimeRange.Describe("the last 7 days") + " A team-restricted key sees only its teams.");
        return app;
    }

    private static async Task<Results<Ok<OutcomeTotals>, ValidationProblem>> GetAsync(
        string? from, string? to, HttpContext http, IDocumentStore store, NpgsqlDataSource database, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (range, errors) = TimeRange.Parse(from, to, TimeRange.LastDays(7, clock.GetUtcNow()));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var key = http.ApiKey();

        await using var command = database.CreateCommand($"""
            select workflow, unit, sum((data ->> 'quantity')::double precision), count(*)
            from {store.Options.DatabaseSchemaName}.{DeliveredOutcome.Table}
            where occurred_at >= $1 and occurred_at < $2 and ($3::text[] is null or team = any($3))
            group by workflow, unit
            order by workflow, unit
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = range!.Value.From });
        command.Parameters.Add(new NpgsqlParameter { Value = range.Value.To });
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            Value = key.IsTeamRestricted ? key.Teams.ToArray() : DBNull.Value,
        });

        var workflows = new List<WorkflowOutcome>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            workflows.Add(new WorkflowOutcome(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetInt64(3)));
        }
        return TypedResults.Ok(new OutcomeTotals(range.Value.From, range.Value.To, workflows));
    }
}
