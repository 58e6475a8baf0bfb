using AiFinOps.Allocation.Ledger;
using AiFinOps.ServiceDefaults.Queries;
using AiFinOps.ServiceDefaults.Security;
using Npgsql;

namespace AiFinOps.Allocation.DataQuality.ListingUnpricedUsage;

public static class UnpricedUsageEndpoint
{
    private const int SampleSize = 20;

    public static void MapUnpricedUsage(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/ledger/unpriced", Handle)
            .RequireScope(ApiScopes.Read)
            .WithSummary("Data quality: calls booked without a price, per provider and model")
            .WithDescription(TimeRange.Describe("this month so far") + " provider/model: only that model (as sent). A team-restricted key sees only its teams. Up to 20 sample event ids per model.")
            .ProducesValidationProblem();

    private static async Task<IResult> Handle(string? from, string? to, string? provider, string? model, HttpContext http,
        NpgsqlDataSource database, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (range, errors) = TimeRange.Parse(from, to, TimeRange.ThisMonthSoFar(now));
        if (range is null) return Results.ValidationProblem(errors, title: "The query is invalid");

        var teams = http.ApiKey().Teams;
        await using var command = database.CreateCommand($"""
            WITH candidates AS (
                SELECT DISTINCT event_id FROM {AllocationModule.Schema}.{LedgerTables.Lines}
                WHERE {LedgerTables.UnpricedPredicate} AND occurred_at >= @from AND occurred_at < @to
                  AND (@provider::text IS NULL OR provider = @provider)
                  AND (@model::text IS NULL OR model = @model)
                  AND (cardinality(@teams::text[]) = 0 OR team = ANY(@teams))),
            unpriced AS (
                -- a call's re-pricing lines (-1 unpriced event once it got a price) share its event id
                SELECT c.event_id, min(l.provider) AS provider, min(l.model) AS model, min(l.occurred_at) AS occurred_at,
                       sum(l.input_tokens) AS input_tokens, sum(l.output_tokens) AS output_tokens
                FROM candidates AS c CROSS JOIN LATERAL {LedgerTables.LinesOfCall(AllocationModule.Schema, "c.event_id")} AS l
                GROUP BY c.event_id
                HAVING sum(l.unpriced_events) > 0)
            SELECT provider, model, count(*), sum(input_tokens)::bigint, sum(output_tokens)::bigint,
                   min(occurred_at), max(occurred_at), (array_agg(event_id ORDER BY occurred_at))[1:{SampleSize}]
            FROM unpriced
            GROUP BY 1, 2
            ORDER BY 3 DESC, 1, 2
            """);
        command.Parameters.AddWithValue("from", range.Value.From.UtcDateTime);
        command.Parameters.AddWithValue("to", range.Value.To.UtcDateTime);
        command.Parameters.Add(new NpgsqlParameter("provider", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)provider?.ToLowerInvariant() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("model", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)model ?? DBNull.Value });
        command.Parameters.AddWithValue("teams", teams.ToArray());

        var models = new List<UnpricedModel>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            models.Add(new UnpricedModel(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.GetInt64(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<string[]>(7)));
        }
        return Results.Ok(new UnpricedUsage(range.Value.From, range.Value.To, models));
    }
}
