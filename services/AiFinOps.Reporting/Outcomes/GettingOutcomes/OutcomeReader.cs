using Marten;
using Npgsql;

namespace AiFinOps.Reporting.Outcomes.GettingOutcomes;

/// <summary>Reporting's own outcomes (recorded from <c>RecordOutcomes</c>), summed per workflow, unit and UTC month.</summary>
public sealed class OutcomeReader(NpgsqlDataSource database, IDocumentStore store)
{
    public async Task<IReadOnlyList<MonthlyOutcome>> MonthlyAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"""
            select workflow, unit, to_char(occurred_at at time zone 'UTC', 'YYYY-MM'), sum((data ->> 'quantity')::double precision)
            from {store.Options.DatabaseSchemaName}.{DeliveredOutcome.Table}
            where occurred_at >= $1 and occurred_at < $2
            group by 1, 2, 3 order by 1, 2, 3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = to });
        var outcomes = new List<MonthlyOutcome>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            outcomes.Add(new MonthlyOutcome(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3)));
        }
        return outcomes;
    }
}
