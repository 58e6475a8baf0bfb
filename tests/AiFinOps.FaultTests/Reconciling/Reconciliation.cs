using System.Text.Json;
using AiFinOps.FaultTests.Infrastructure;
using AiFinOps.Testing;
using Xunit.Abstractions;

namespace AiFinOps.FaultTests.Reconciling;

/// <summary>
/// Sent against stored, after the consumers drained: every total equals the ground truth — zero lost, zero
/// double-counted, zero duplicate alerts. Every difference found is reported, not only the first.
/// </summary>
public static class Reconciliation
{
    public static async Task AssertAsync(IRunningSystem system, GroundTruth truth, LoopbackWebhook alerts, ServiceApi budgeting,
        int expectedAlerts, ITestOutputHelper output)
    {
        var differences = new List<string>();
        void Expect<T>(string what, T expected, T actual)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual)) differences.Add($"{what}: expected {expected}, stored {actual}");
        }

        // Allocation: the spend API per team (events and effective cost, to the last fraction of a cent), the ledger.
        using var allocation = new ServiceApi(system.Address("allocation"), FaultSystem.AdminKey);
        var spend = (await allocation.GetAsync("/api/v1/spend?groupBy=team")).GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("team").GetString()!, r => (r.GetProperty("events").GetInt64(), r.GetProperty("effectiveCostUsd").GetDecimal()));
        Expect("spend API teams", string.Join(",", truth.Teams.Keys.Order()), string.Join(",", spend.Keys.Order()));
        foreach (var (team, expected) in truth.Teams) Expect($"spend API, team {team} (events, effective USD)", expected, spend.GetValueOrDefault(team));
        foreach (var (consumer, sql) in StoredTotals.EventCounts)
            Expect($"{consumer}: usage events stored", truth.Events, await StoredTotals.ScalarAsync(system.DatabaseConnection, sql));

        // Budgeting: the accrued spend API per team.
        var accrued = (await budgeting.GetAsync("/api/v1/budgets/accrued")).GetProperty("teams").EnumerateArray()
            .ToDictionary(t => t.GetProperty("team").GetString()!, t => (t.GetProperty("events").GetInt64(), t.GetProperty("effectiveCostUsd").GetDecimal()));
        foreach (var (team, expected) in truth.Teams) Expect($"accrued API, team {team} (events, effective USD)", expected, accrued.GetValueOrDefault(team));

        // Anomaly: the calls folded into runs, and the runs themselves.
        Expect("anomaly: calls summed over workflow runs", truth.Events,
            await StoredTotals.ScalarAsync(system.DatabaseConnection, "SELECT coalesce(sum(calls), 0)::bigint FROM anomaly.workflow_runs"));
        Expect("anomaly: workflow runs", truth.Runs,
            await StoredTotals.ScalarAsync(system.DatabaseConnection, "SELECT count(*) FROM anomaly.workflow_runs"));

        // Reporting: the daily call profiles.
        Expect("reporting: calls summed over daily profiles", truth.Events,
            await StoredTotals.ScalarAsync(system.DatabaseConnection, "SELECT coalesce(sum(calls), 0)::bigint FROM reporting.call_profile_daily"));

        // Alerts: each threshold of each budget raised once, each alert delivered under one delivery id.
        var raised = new List<string>();
        foreach (var team in truth.Teams.Keys)
        {
            var history = await budgeting.GetAsync($"/api/v1/budgets/alerts?budgetId={team}-monthly&kind=budget.threshold");
            var thresholds = history.EnumerateArray().Select(a => a.GetProperty("thresholdPercent").GetInt32()).Order().ToList();
            Expect($"budget {team}-monthly: thresholds alerted", string.Join(",", Scenarios.FaultScenario.Thresholds), string.Join(",", thresholds));
            raised.AddRange(history.EnumerateArray().Select(a => a.GetProperty("alertId").GetString()!));
        }
        var delivered = alerts.Received.ToList();
        Expect("threshold alerts raised", expectedAlerts, raised.Count);
        Expect("alerts delivered to the webhook", string.Join(",", raised.Order()), string.Join(",", delivered.Select(d => d.AlertId).Distinct().Order()));
        foreach (var alert in delivered.GroupBy(d => d.AlertId).Where(g => g.Select(d => d.DeliveryId).Distinct().Count() > 1))
            differences.Add($"alert {alert.Key} was delivered under {alert.Select(d => d.DeliveryId).Distinct().Count()} delivery ids");

        output.WriteLine($"reconciled: {truth.Events:N0} events, {truth.Teams.Count} teams, ${truth.Teams.Values.Sum(t => t.EffectiveCostUsd)}, " +
            $"{truth.Runs:N0} runs, {raised.Count} alerts ({delivered.Count} webhook requests); {differences.Count} differences");
        Assert.True(differences.Count == 0, "sent and stored differ:\n" + string.Join("\n", differences));
    }
}
