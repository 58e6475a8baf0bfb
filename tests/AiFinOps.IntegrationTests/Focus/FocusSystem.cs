using AiFinOps.Allocation.Spend.GettingSpend;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.Ingest.Recording;
using AiFinOps.IntegrationTests.Infrastructure;
using AiFinOps.ServiceDefaults.Security;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    private readonly List<IDisposable> hosts = [];

    public WebApplicationFactory<UsageRecorder> Ingest { get; private set; } = null!;
    public WebApplicationFactory<SpendReader> Allocation { get; private set; } = null!;
    public string DatabaseConnection { get; private set; } = "";
    public string Downloads { get; } = Directory.CreateTempSubdirectory("aifinops-focus-").FullName;

    public async Task InitializeAsync()
    {
        DatabaseConnection = await TestServers.CreateDatabaseAsync(name);
        // Allocation is the only usage consumer here: ingest waits for its queue alone.
        Ingest = Host<UsageRecorder>(web => web.UseSetting("Ingest:Backpressure:Consumers", "allocation"));
        Allocation = Host<SpendReader>(web =>
        {
            web.UseSetting("Allocation:TimeZone", TimeZone);
            web.UseSetting("Allocation:ExtraDimensions:0", "product");
            web.UseSetting("Allocation:ExtraDimensions:1", "region");
            web.UseSetting("Allocation:Focus:BillingAccountId", "acme-corp");
            web.UseSetting("Allocation:Focus:BillingAccountName", "Acme Corp");
            web.ConfigureTestServices(services =>
            {
                services.RemoveAll<IApiKeyVerifier>();
                services.AddSingleton<IApiKeyVerifier>(_ =>
                    new RemoteApiKeyVerifier(Ingest.CreateClient(), new MemoryCache(new MemoryCacheOptions())));
            });
        });
        _ = Ingest.Server;
        _ = Allocation.Server;
        Scenario = await FocusScenario.SeedAsync(this);
    }

    /// <summary>The usage the tests export (see <see cref="FocusScenario"/>).</summary>
    public FocusScenario.Seeded Scenario { get; private set; } = null!;

    private WebApplicationFactory<T> Host<T>(Action<IWebHostBuilder> configure) where T : class
    {
        var factory = new WebApplicationFactory<T>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:aifinops", DatabaseConnection);
            web.UseSetting("ConnectionStrings:messaging", TestServers.RabbitMq);
            web.UseSetting("Messaging:Prefix", name);
            web.UseSetting("AIFINOPS_ADMIN_KEY", AiFinOpsSystem.AdminKey);
            configure(web);
        });
        hosts.Add(factory);
        return factory;
    }

    public UsageIngest.UsageIngestClient IngestClient()
    {
        var channel = GrpcChannel.ForAddress(Ingest.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Ingest.Server.CreateHandler() });
        return new UsageIngest.UsageIngestClient(channel);
    }

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
        foreach (var host in hosts) host.Dispose();
        try { Directory.Delete(Downloads, recursive: true); } catch (IOException) { }
        await Task.CompletedTask;
    }
}
