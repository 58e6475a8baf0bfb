using System.Net.Http.Json;
using AiFinOps.Anomaly.Calls.ObservingCalls;
using AiFinOps.Anomaly.Incidents;
using AiFinOps.Contracts.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.Anomaly.Tests.Scenarios;

/// <summary>
/// Drives one scenario against a service app: registers workflows through the REST API, feeds generated traffic
/// through the consumer's handler one batch after another (so simulated time advances in order), and reads the
/// incidents back through the REST API.
/// </summary>
public sealed class Scenario(AnomalyApp app)
{
    private const string Ever = "from=2020-01-01&to=2030-12-31";

    public async Task RegisterAsync(WorkflowProfile w, decimal? estimatedMonthlyCostUsd, long? expectedTokensPerRun = null,
        decimal? expectedRunsPerDay = null)
    {
        using var response = await app.ClientWithKey(TestApiKeys.Admin).PostAsJsonAsync("/api/v1/workflows", new
        {
            name = w.Name,
            ownerTeam = w.Team,
            description = "generated traffic",
            estimatedMonthlyCostUsd,
            expectedTokensPerRun,
            expectedRunsPerDay,
        });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Registers a workflow with everything its profile implies: estimate (at 1.5× what it spends), tokens and runs.</summary>
    public Task RegisterFullyAsync(WorkflowProfile w) =>
        RegisterAsync(w, Math.Round(w.UsdPerDay * 30 * 1.5m, 2), (long)w.TokensPerRun, (decimal)w.RunsPerHour * 24);

    public async Task<IReadOnlyList<CallsObservation>> FeedAsync(IEnumerable<PricedUsage> calls, int batchSize = 500)
    {
        var observe = app.Services.GetRequiredService<ObserveCalls>();
        var done = new List<CallsObservation>();
        foreach (var batch in Traffic.Batches(calls, batchSize)) done.Add(await observe.HandleAsync(batch.BatchId, batch.Usages, default));
        return done;
    }

    public async Task<IReadOnlyList<IncidentView>> IncidentsAsync(string workflow, string key = TestApiKeys.Reader) =>
        (await app.ClientWithKey(key).GetFromJsonAsync<AnomalyHistory>($"/api/v1/anomalies?workflow={workflow}&{Ever}&limit=1000"))!.Incidents;

    public async Task<IReadOnlyList<AlertRaised>> AlertsAsync(AlertListener listener, string workflow, int expected)
    {
        var alerts = await Eventually.MatchesAsync(() => Task.FromResult(listener.Of(workflow)), a => a.Count >= expected);
        return alerts;
    }
}
