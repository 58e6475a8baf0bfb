using AiFinOps.Budgeting.Spend;
using AiFinOps.ServiceDefaults.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;

namespace AiFinOps.Budgeting.Spend.GettingAccruedSpend;

public static class AccruedSpendEndpoint
{
    public static IEndpointRouteBuilder MapAccruedSpend(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/budgets/accrued", GetAsync)
            .RequireScope(ApiScopes.Read)
            .WithName("GetAccruedSpend")
            .WithSummary("Spend accrued per team in a calendar month (UTC); team-restricted keys see only their teams.");
        return app;
    }

    private static async Task<Results<Ok<AccruedSpend>, ValidationProblem>> GetAsync(
        string? period, HttpContext http, IDocumentStore store, NpgsqlDataSource database, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        CalendarMonth? month = CalendarMonth.Of(clock.GetUtcNow());
        if (period is not null && !CalendarMonth.TryParse(period, out month))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["period"] = [$"'{period}' is not a calendar month; expected {CalendarMonth.Format} from 2000-01 to 2999-12, e.g. 2026-11."],
            });
        }

        var key = http.ApiKey();
        await using var command = database.CreateCommand($"""
            select team, coalesce(sum(list_cost_usd), 0), coalesce(sum(effective_cost_usd), 0),
                   coalesce(sum(events), 0)::bigint, coalesce(sum(events) filter (where not priced), 0)::bigint
            from {store.Options.DatabaseSchemaName}.{SpendTables.AccruedSpend}
            where month = $1 and ($2::text[] is null or team = any($2))
            group by team order by team
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = new DateOnly(month.Value.Year, month.Value.Month, 1) });
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            Value = key.IsTeamRestricted ? key.Teams.ToArray() : DBNull.Value,
        });

        var teams = new List<TeamAccruedSpend>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            teams.Add(new TeamAccruedSpend(
                reader.GetString(0), reader.GetDecimal(1), reader.GetDecimal(2), reader.GetInt64(3), reader.GetInt64(4)));
        }
        return TypedResults.Ok(new AccruedSpend(month.Value.ToString(), teams));
    }
}
