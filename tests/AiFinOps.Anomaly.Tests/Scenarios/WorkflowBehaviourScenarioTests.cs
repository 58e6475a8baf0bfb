using System.Net.Http.Json;
using AiFinOps.Anomaly.Detections;

namespace AiFinOps.Anomaly.Tests.Scenarios;

/// <summary>A workflow that runs too often, answers too long or spends too fast, on generated traffic: one alert each.</summary>
public sealed class WorkflowBehaviourScenarioTests(AnomalyApp app) : IClassFixture<AnomalyApp>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 10, 0, 0, 0, TimeSpan.Zero);
    private readonly Scenario scenario = new(app);

    [Fact]
    public async Task An_unthrottled_workflow_alerts_once_for_a_two_hour_burst()
    {
        await using var listener = await AlertListener.StartAsync(app.MessagingPrefix);
        var w = new WorkflowProfile(Usages.NewName("wf"), Usages.NewName("team"), 30, 3, 5, 1_200, 300);
        await scenario.RegisterFullyAsync(w);
        var traffic = new Traffic(seed: 41);
        await scenario.FeedAsync(traffic.Generate(Start, Start.AddHours(30), w));

        await scenario.FeedAsync(traffic.Generate(Start.AddHours(30), Start.AddHours(32), w with { RunsPerHour = 150 }));
        await scenario.FeedAsync(traffic.Generate(Start.AddHours(32), Start.AddHours(34), w));

        var incident = Assert.Single(await scenario.IncidentsAsync(w.Name));
        Assert.Equal((AnomalyKinds.VolumeSpike, Start.AddHours(30), 2), (incident.Kind, Figures.HourOf(incident.OpenedAt), incident.Detections));
        Assert.InRange(decimal.Parse(incident.Facts["baselineCallsPerHour"], System.Globalization.CultureInfo.InvariantCulture), 100m, 140m);
        Assert.Equal("30", incident.Facts["registeredRunsPerHour"]);
        var alert = Assert.Single(await scenario.AlertsAsync(listener, w.Name, expected: 1));
        Assert.Equal((AnomalyKinds.VolumeSpike, "2026-11-11T06", Start.AddHours(30), Start.AddHours(31)),
            (alert.Kind, alert.Period, alert.PeriodStart, alert.PeriodEnd));
    }

    [Fact]
    public async Task A_prompt_change_that_lengthens_answers_alerts_once_per_shift_and_again_after_it_was_resolved()
    {
        await using var listener = await AlertListener.StartAsync(app.MessagingPrefix);
        var w = new WorkflowProfile(Usages.NewName("wf"), Usages.NewName("team"), 40, 2, 3, 1_000, 300);
        await scenario.RegisterFullyAsync(w);
        var traffic = new Traffic(seed: 42);
        await scenario.FeedAsync(traffic.Generate(Start, Start.AddHours(26), w));

        var longer = w with { OutputTokens = 540 };
        await scenario.FeedAsync(traffic.Generate(Start.AddHours(26), Start.AddHours(30), longer));
        var first = Assert.Single(await scenario.IncidentsAsync(w.Name));
        Assert.Equal((AnomalyKinds.OutputShift, 1), (first.Kind, first.Detections));
        Assert.InRange(decimal.Parse(first.Facts["risePercent"], System.Globalization.CultureInfo.InvariantCulture), 55m, 105m);

        using var resolved = await app.ClientWithKey(TestApiKeys.Admin).PostAsJsonAsync($"/api/v1/anomalies/{first.Id}/resolve", new { note = "prompt rolled back" });
        resolved.EnsureSuccessStatusCode();
        await scenario.FeedAsync(traffic.Generate(Start.AddHours(30), Start.AddHours(34), w));
        Assert.Single(await scenario.IncidentsAsync(w.Name));
        await scenario.FeedAsync(traffic.Generate(Start.AddHours(34), Start.AddHours(35), longer));

        var incidents = await scenario.IncidentsAsync(w.Name);
        Assert.Equal([(Incidents.Incident.Open, 1), (Incidents.Incident.Resolved, 1)], incidents.Select(i => (i.Status, i.Detections)));
        Assert.All(incidents, i => Assert.Equal(AnomalyKinds.OutputShift, i.Kind));
        Assert.Equal(2, (await scenario.AlertsAsync(listener, w.Name, expected: 2)).Count);
    }

    [Fact]
    public async Task A_workflow_spending_faster_than_its_estimate_alerts_once_a_fifth_into_the_month()
    {
        await using var listener = await AlertListener.StartAsync(app.MessagingPrefix);
        var w = new WorkflowProfile(Usages.NewName("wf"), Usages.NewName("team"), 10, 2, 3, 1_000, 300);
        var estimate = Math.Round(w.UsdPerDay * 30 * 0.6m, 2);
        await scenario.RegisterAsync(w, estimate, (long)w.TokensPerRun, (decimal)w.RunsPerHour * 24);
        var december = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        // About an hour of traffic a batch, so the decision falls within the hour that completes a fifth of December.
        await scenario.FeedAsync(new Traffic(seed: 43).Generate(december, december.AddDays(9), w), batchSize: 25);

        var incident = Assert.Single(await scenario.IncidentsAsync(w.Name));
        Assert.Equal((AnomalyKinds.PaceOverEstimate, "2026-12", 1), (incident.Kind, incident.Period, incident.Detections));
        Assert.InRange(incident.OpenedAt, december.AddDays(31 * 0.2), december.AddDays(31 * 0.2).AddHours(2));
        var projected = decimal.Parse(incident.Facts["projectedUsd"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(projected / estimate, 1.5m, 1.9m);
        Assert.Equal(estimate.ToString(System.Globalization.CultureInfo.InvariantCulture), incident.Facts["estimatedUsd"]);
        var alert = Assert.Single(await scenario.AlertsAsync(listener, w.Name, expected: 1));
        Assert.Equal((december, december.AddMonths(1)), (alert.PeriodStart, alert.PeriodEnd));
    }
}
