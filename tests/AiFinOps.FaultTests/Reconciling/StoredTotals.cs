using Npgsql;

namespace AiFinOps.FaultTests.Reconciling;

/// <summary>What the consumers stored, read straight from their tables (what still waits in their queues: <see cref="AiFinOps.Testing.QueueDepths"/>).</summary>
public static class StoredTotals
{
    /// <summary>Per consumer, the usage events it holds (a sum of events where its rows aggregate them).</summary>
    public static readonly IReadOnlyDictionary<string, string> EventCounts = new Dictionary<string, string>
    {
        ["allocation"] = "SELECT coalesce(sum(events), 0)::bigint FROM allocation.ledger_lines",
        ["budgeting"] = "SELECT coalesce(sum(events), 0)::bigint FROM budgeting.accrued_spend",
        ["anomaly"] = "SELECT count(*) FROM anomaly.observed_calls",
        ["reporting"] = "SELECT count(*) FROM reporting.usage_seen",
    };

    /// <summary>Budget alerts raised and, of those, published to the bus: where alerts wait when the webhook lacks some.</summary>
    public const string BudgetAlertsRaisedAndPublished =
        "SELECT count(*) || ' raised, ' || count(*) FILTER (WHERE data ->> 'publishedAt' IS NOT NULL) || ' published' FROM budgeting.mt_doc_budgetalert";

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        // Unpooled: a pooled connection may have died with the server a scenario crashed.
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>The first column of the first row as text; the error's message when it cannot be read (a diagnostic only).</summary>
    public static async Task<string> TextAsync(string connectionString, string sql)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToString(await command.ExecuteScalarAsync()) ?? "";
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            return $"unreadable ({ex.Message})";
        }
    }
}
