using AiFinOps.Anomaly.Detections;

namespace AiFinOps.Anomaly.Tests.Scenarios;

/// <summary>Spend off the launch checklist on generated traffic: one alert per workflow per month, on the real bus.</summary>
public sealed class UnregisteredScenarioTests(AnomalyApp app) : IClassFixture<AnomalyApp>
{
    private static readonly DateTimeOffset Start = new(2026, 10, 30, 20, 0, 0, TimeSpan.Zero);
    private readonly Scenario scenario = new(app);

    [Fact]
    public async Task A_workflow_nobody_registered_is_reported_once_a_month_to_the_team_that_spends()
    {
        await using var listener = await AlertListener.StartAsync(app.MessagingPrefix);
        var shadow = new WorkflowProfile(Usages.NewName("wf"), Usages.NewName("team"), 20, 2, 3, 800, 200);

        // Two days across a month end, in batches of 100: dozens of batches, two months.
        await scenario.FeedAsync(new Traffic(seed: 21).Generate(Start, Start.AddDays(2), shadow), batchSize: 100);

        var incidents = await scenario.IncidentsAsync(shadow.Name);
        Assert.All(incidents, i => Assert.Equal((AnomalyKinds.UnregisteredWorkflow, shadow.Team), (i.Kind, i.Team)));
        Assert.Equal([("2026-11", "not-registered"), ("2026-10", "not-registered")], incidents.Select(i => (i.Period, i.Facts["reason"])));
        Assert.Contains("is not in the workflow registry", incidents[1].Explanation);
        var alerts = await scenario.AlertsAsync(listener, shadow.Name, expected: 2);
        Assert.Equal(incidents.Select(i => i.Id).Order(), alerts.Select(a => a.AlertId).Order());
        Assert.All(alerts, a => Assert.Equal(("info", "anomaly"), (a.Severity, a.Source)));
    }

    [Fact]
    public async Task A_workflow_registered_without_an_estimate_is_reported_and_registering_one_settles_it()
    {
        await using var listener = await AlertListener.StartAsync(app.MessagingPrefix);
        var draft = new WorkflowProfile(Usages.NewName("wf"), Usages.NewName("team"), 20, 2, 3, 800, 200);
        await scenario.RegisterAsync(draft, estimatedMonthlyCostUsd: null);
        var traffic = new Traffic(seed: 22);
        var november = new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero);

        await scenario.FeedAsync(traffic.Generate(november, november.AddHours(6), draft));
        var incident = Assert.Single(await scenario.IncidentsAsync(draft.Name));
        Assert.Equal(("no-estimate", draft.Team), (incident.Facts["reason"], incident.Team));
        Assert.Single(await scenario.AlertsAsync(listener, draft.Name, expected: 1));
    }
}
