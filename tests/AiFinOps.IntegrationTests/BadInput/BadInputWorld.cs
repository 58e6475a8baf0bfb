using System.Net.Http.Headers;
using System.Net.Http.Json;
using AiFinOps.IntegrationTests.Infrastructure;
using AiFinOps.Notifications.Deliveries;
using AiFinOps.Reporting.Outcomes.GettingOutcomes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiFinOps.IntegrationTests.BadInput;

/// <summary>The services a REST call of the matrix is sent to.</summary>
public enum Service { Ingest, Allocation, Budgeting, Anomaly, Notifications, Reporting }

/// <summary>Who calls: no key at all, an unknown key, or a key issued with these rights.</summary>
public enum Caller { Nobody, UnknownKey, Admin, IngestOnly, ReadOnly, Finance, OursFinance, OursIngest, ProdOnlyIngest }

/// <summary>
/// Every service in-process on the real servers (notifications and reporting beside the four of
/// <see cref="AiFinOpsSystem"/>), and one key per <see cref="Caller"/>, issued once for the whole matrix.
/// </summary>
public sealed class BadInputWorld : IAsyncLifetime
{
    public const string Ours = "bad-input-ours";
    public const string Theirs = "bad-input-theirs";

    public AiFinOpsSystem System { get; } = new();
    private readonly Dictionary<Caller, string?> keys = [];
    private readonly Dictionary<Service, Func<HttpClient>> clients = [];

    public async Task InitializeAsync()
    {
        await System.InitializeAsync();
        WebApplicationFactory<DeliverySignal> notifications = System.Host<DeliverySignal>(verifyThroughIngest: true);
        WebApplicationFactory<OutcomeTotals> reporting = System.Host<OutcomeTotals>(verifyThroughIngest: true);
        clients[Service.Ingest] = System.Ingest.CreateClient;
        clients[Service.Allocation] = System.Allocation.CreateClient;
        clients[Service.Budgeting] = System.Budgeting.CreateClient;
        clients[Service.Anomaly] = System.Anomaly.CreateClient;
        clients[Service.Notifications] = notifications.CreateClient;
        clients[Service.Reporting] = reporting.CreateClient;

        keys[Caller.Nobody] = null;
        keys[Caller.UnknownKey] = "afo_unknown_" + Guid.NewGuid().ToString("N");
        keys[Caller.Admin] = AiFinOpsSystem.AdminKey;
        keys[Caller.IngestOnly] = await SpendApi.IssueKeyAsync(System.Ingest, "bad-input ingest", ["ingest"]);
        keys[Caller.ReadOnly] = await SpendApi.IssueKeyAsync(System.Ingest, "bad-input read", ["read"]);
        keys[Caller.Finance] = await SpendApi.IssueKeyAsync(System.Ingest, "bad-input finance", ["finance"]);
        keys[Caller.OursFinance] = await SpendApi.IssueKeyAsync(System.Ingest, "bad-input ours finance", ["finance"], [Ours]);
        keys[Caller.OursIngest] = await SpendApi.IssueKeyAsync(System.Ingest, "bad-input ours ingest", ["ingest"], [Ours]);
        keys[Caller.ProdOnlyIngest] = await IssueEnvironmentKeyAsync("prod");
    }

    public string? Key(Caller caller) => keys[caller];

    public HttpClient Client(Service service, Caller caller)
    {
        var http = clients[service]();
        if (keys[caller] is { } key) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private async Task<string> IssueEnvironmentKeyAsync(string environment)
    {
        using var http = Client(Service.Ingest, Caller.Admin);
        using var response = await http.PostAsync("/api/v1/keys", Body.Json(
            $$"""{"name": "bad-input {{environment}} only", "scopes": ["ingest"], "environments": ["{{environment}}"]}""").Content());
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("key").GetString()!;
    }

    public async Task DisposeAsync() => await System.DisposeAsync();
}
