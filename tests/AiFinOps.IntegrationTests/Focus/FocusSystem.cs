using AiFinOps.Allocation.Spend.GettingSpend;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.Ingest.Recording;
using AiFinOps.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace AiFinOps.IntegrationTests.Focus;

/// <summary>
/// Ingest and allocation of the FOCUS tests, against the real servers in a database of their own, with an org that
/// bills in Europe/Berlin months, keeps <c>product</c> and <c>region</c> as extra dimensions and names its account.
/// </summary>
public sealed class FocusSystem : IAsyncLifetime
{
    public const string TimeZone = "Europe/Berlin";
    private readonly string name = "it_focus_" + Guid.NewGuid().ToString("N")[..10];
    // Allocation is the only usage consumer here: ingest waits for its queue alone.
    private readonly InProcessHosts hosts;

    public FocusSystem() => hosts = new InProcessHosts(name, "allocation");

    public WebApplicationFactory<UsageRecorder> Ingest { get; private set; } = null!;
    public WebApplicationFactory<SpendReader> Allocation { get; private set; } = null!;
    public string DatabaseConnection { get; private set; } = "";
    public string Downloads { get; } = Directory.CreateTempSubdirectory("aifinops-focus-").FullName;

    public async Task InitializeAsync()
    {
        DatabaseConnection = await TestServers.CreateDatabaseAsync(name);
        Ingest = hosts.Host<UsageRecorder>(DatabaseConnection, keysFrom: null);
        Allocation = hosts.Host<SpendReader>(DatabaseConnection, keysFrom: () => Ingest, web =>
        {
            web.UseSetting("Allocation:TimeZone", TimeZone);
            web.UseSetting("Allocation:ExtraDimensions:0", "product");
            web.UseSetting("Allocation:ExtraDimensions:1", "region");
            web.UseSetting("Allocation:Focus:BillingAccountId", "acme-corp");
            web.UseSetting("Allocation:Focus:BillingAccountName", "Acme Corp");
        });
        _ = Ingest.Server;
        _ = Allocation.Server;
        Scenario = await FocusScenario.SeedAsync(this);
    }

    /// <summary>The usage the tests export (see <see cref="FocusScenario"/>).</summary>
    public FocusScenario.Seeded Scenario { get; private set; } = null!;

    public UsageIngest.UsageIngestClient IngestClient() => InProcessHosts.IngestClient(Ingest);

    /// <summary>The ledger's own figures of a billing period (optionally one team's), read from the ledger lines.</summary>
    public async Task<(long Events, decimal List, decimal Effective, decimal Billed)> LedgerAsync(string period, string? team = null)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT coalesce(sum(events), 0)::bigint, coalesce(sum(list_cost_usd), 0), coalesce(sum(effective_cost_usd), 0),
                   coalesce(sum(billed_cost_usd), 0)
            FROM allocation.ledger_lines WHERE billing_period = @period AND (@team::text IS NULL OR team = @team)
            """, connection);
        command.Parameters.AddWithValue("period", period);
        command.Parameters.Add(new NpgsqlParameter("team", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)team ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetDecimal(1), reader.GetDecimal(2), reader.GetDecimal(3));
    }

    /// <summary>The run ids of the calls charged in a billing period, from the ledger lines, in ordinal order.</summary>
    public async Task<IReadOnlyList<string>> RunIdsAsync(string period)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT run_id COLLATE \"C\" FROM allocation.ledger_lines WHERE billing_period = @period AND run_id <> '' ORDER BY 1",
            connection);
        command.Parameters.AddWithValue("period", period);
        var runs = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) runs.Add(reader.GetString(0));
        return runs;
    }

    public async Task DisposeAsync()
    {
        hosts.Dispose();
        try { Directory.Delete(Downloads, recursive: true); } catch (IOException) { }
        await Task.CompletedTask;
    }
}
