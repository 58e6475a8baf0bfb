using AiFinOps.Allocation;
using AiFinOps.Allocation.Ledger;
using AiFinOps.IntegrationTests.Infrastructure;
using Npgsql;

namespace AiFinOps.IntegrationTests.Allocating;

/// <summary>
/// Booking copies new lines in (<see cref="LedgerLinesCopy"/>) and inserts them with the statement that skips existing
/// lines when one is already there. Both ways must store the same row to the last digit: hostile text in tags and
/// catalogue keys, decimals of every scale, reported costs, absent references, extra dimensions.
/// </summary>
public sealed class LedgerLinesCopyTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private static readonly AllocationOptions Options = new() { ExtraDimensions = ["product"] };

    [Fact]
    public async Task A_line_copied_in_and_the_same_line_inserted_past_an_existing_one_are_stored_alike()
    {
        var projection = new LedgerProjection(Microsoft.Extensions.Options.Options.Create(Options));
        var prefix = $"copy-{Guid.NewGuid():N}";
        var copied = Line($"{prefix}-copied");
        var inserted = Line($"{prefix}-inserted") with { PriceReference = null, ReportedCostUsd = null, BilledDriftUsd = null };
        var copiedTwin = Line($"{prefix}-copied-twin") with { PriceReference = null, ReportedCostUsd = null, BilledDriftUsd = null };

        await using var connection = new NpgsqlConnection(system.DatabaseConnection);
        await connection.OpenAsync();
        Assert.Equal([copied, copiedTwin], await BookAsync(connection, projection, [copied, copiedTwin]));
        // One line is already there: the copy fails and the insert books only the new one.
        Assert.Equal([inserted], await BookAsync(connection, projection, [copied, inserted]));

        Assert.Equal(await StoredAsync(connection, copiedTwin.LineId), await StoredAsync(connection, inserted.LineId));
        Assert.Equal(1, await CountAsync(connection, copied.LineId));
        var stored = await StoredAsync(connection, copied.LineId);
        Assert.Contains("\"product\": \"caf\u00e9 \\\"quoted\\\" \\\\ back\"", stored);
        Assert.Contains("{\"openai/gpt-4o\",\"key with \\\"quotes\\\" and \\\\\"}", stored);
        Assert.Contains("|0.000000001|12345678.123456789|", stored);
        Assert.Contains("|ref-1|", stored);
    }

    private static async Task<IReadOnlyList<LedgerLine>> BookAsync(NpgsqlConnection connection, LedgerProjection projection, LedgerLine[] lines)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        var booked = await projection.InsertNewLinesAsync(connection, transaction, lines, new DateTimeOffset(2031, 4, 2, 0, 0, 0, TimeSpan.Zero), default);
        await transaction.CommitAsync();
        return booked;
    }

    /// <summary>Every column but the ids, as PostgreSQL prints it.</summary>
    private static async Task<string> StoredAsync(NpgsqlConnection connection, string lineId)
    {
        await using var command = new NpgsqlCommand($"SELECT * FROM {AllocationModule.Schema}.{LedgerTables.Lines} WHERE line_id = @id", connection);
        command.Parameters.AddWithValue("id", lineId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"line {lineId} is stored");
        var columns = Enumerable.Range(0, reader.FieldCount).Where(i => reader.GetName(i) is not ("line_id" or "event_id"))
            .Select(i => reader.IsDBNull(i) ? "NULL" : reader.GetProviderSpecificValue(i) switch
            {
                string[] keys => "{" + string.Join(",", keys.Select(k => "\"" + k.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"")) + "}",
                DateTime time => time.ToUniversalTime().ToString("O"),
                var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
            });
        return "|" + string.Join("|", columns) + "|";
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string lineId)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {AllocationModule.Schema}.{LedgerTables.Lines} WHERE line_id = @id", connection);
        command.Parameters.AddWithValue("id", lineId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static LedgerLine Line(string id) => new(
        LineId: id, EventId: id, Kind: LineKinds.Usage, BillingPeriod: "2031-03", ChargeClass: ChargeClasses.Regular,
        OccurredAt: new DateTimeOffset(2031, 3, 14, 9, 26, 53, 589, TimeSpan.Zero).AddTicks(7_930), Provider: "openai", Model: "gpt-4o",
        CatalogueKeys: ["openai/gpt-4o", "key with \"quotes\" and \\"], ServiceTier: "priority", Team: "search", Workflow: "triage",
        Environment: "prod", Tags: new Dictionary<string, string> { ["product"] = "café \"quoted\" \\ back", [LedgerLine.CostCentreTag] = "CC-100 Search" },
        RunId: "run-1", RecordedBy: "key-1", Events: 1, UnpricedEvents: 0, InputTokens: 12_345, OutputTokens: 678, CacheReadTokens: 9_000,
        CacheWriteTokens: 11, ReasoningTokens: 3, Priced: true, PriceReference: "ref-1", DiscountReference: null,
        ListCostUsd: 0.000000001m, EffectiveCostUsd: 12345678.123456789m, BilledCostUsd: 1.50m, ReportedCostUsd: 1.5m, BilledDriftUsd: -0.000001m)
    {
        ListCostByTokenType = new CostByTokenType(0.1m, 0.02m, 0.003m, 0.0004m, 0.00005m),
    };
}
