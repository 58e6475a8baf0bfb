using AiFinOps.Anomaly.Detections;

namespace AiFinOps.Anomaly.Tests.Scenarios;

/// <summary>Runaway runs on generated traffic: each raises exactly one token-spike alert, on the real bus.</summary>
public sealed class TokenSpikeScenarioTests(AnomalyApp app) : IClassFixture<AnomalyApp>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 14, 6, 0, 0, TimeSpan.Zero);
    private readonly Scenario scenario = new(app);

    [Fact]
    public async Task A_runaway_run_alerts_while_it_is_still_running_and_only_once()
    {
        await using var listener = await AlertListener.StartAsync(app.MessagingPrefix);
        var triage = new WorkflowProfile(Usages.NewName("wf"), Usages.NewName("team"), 30, 3, 5, 1_500, 300);
        await scenario.RegisterFullyAsync(triage);
        var traffic = new Traffic(seed: 11);
        await scenario.FeedAsync(traffic.Generate(Start, Start.AddHours(3), triage));

        // 14 calls of a normal size: about 3.5× the tokens of a typical run. One call per batch, as a live run arrives.
        var runaway = traffic.Run(triage, Start.AddHours(3), calls: 14);
        var alertedAfter = 0;
        foreach (var call in runaway)
        {
            await scenario.FeedAsync([call]);
            alertedAfter++;
            if ((await scenario.IncidentsAsync(triage.Name)).Count > 0) break;
        }
        await scenario.FeedAsync(runaway.Skip(alertedAfter));
        await scenario.FeedAsync(traffic.Generate(Start.AddHours(3), Start.AddHours(4), triage));

        // It alerted with the first call that took the run above twice the registered tokens per run, not later.
        var expected = (long)triage.TokensPerRun;
        var crossing = 1 + runaway.Select((c, i) => runaway.Take(i + 1).Sum(x => x.InputTokens + x.OutputTokens)).TakeWhile(t => t <= 2 * expected).Count();
        Assert.Equal(crossing, alertedAfter);
        Assert.True(alertedAfter < runaway.Count);
        var incident = Assert.Single(await scenario.IncidentsAsync(triage.Name));
        Assert.Equal((AnomalyKinds.TokenSpike, triage.Team, 1), (incident.Kind, incident.Team, incident.Detections));
        Assert.Equal(runaway[0].RunId, incident.Facts["runId"]);
        Assert.Equal("registered", incident.Facts["expectationSource"]);
        Assert.Contains("still going", incident.Explanation);
        var alert = Assert.Single(await scenario.AlertsAsync(listener, triage.Name, expected: 1));
        Assert.Equal((incident.Id, AnomalyKinds.TokenSpike, "anomaly", triage.Team), (alert.AlertId, alert.Kind, alert.Source, alert.Team));
        Assert.Equal(incident.Title, alert.Title);
        Assert.Equal(alert.AlertId, listener.Received.Single(r => r.Alert.AlertId == alert.AlertId).MessageId);
    }

    [Fact]
    public async Task Without_registered_tokens_a_run_far_above_the_median_of_recent_runs_alerts_but_not_before_enough_runs_closed()
    {
        await using var listener = await AlertListener.StartAsync(app.MessagingPrefix);
        var enrich = new WorkflowProfile(Usages.NewName("wf"), Usages.NewName("team"), 12, 2, 4, 2_000, 500);
        await scenario.RegisterAsync(enrich, estimatedMonthlyCostUsd: 500m);
        var traffic = new Traffic(seed: 12);

        // Too early: the first runs of the workflow, one of them huge. Nothing to learn from yet, so nothing to say.
        await scenario.FeedAsync([.. traffic.Run(enrich, Start, calls: 3), .. traffic.Run(enrich, Start.AddMinutes(1), calls: 3, scale: 10)]);
        Assert.Empty(await scenario.IncidentsAsync(enrich.Name));

        await scenario.FeedAsync(traffic.Generate(Start.AddHours(1), Start.AddHours(4), enrich));
        await scenario.FeedAsync(traffic.Run(enrich, Start.AddHours(4), calls: 3, scale: 3));
        await scenario.FeedAsync(traffic.Generate(Start.AddHours(4).AddMinutes(10), Start.AddHours(5), enrich));

        var incident = Assert.Single(await scenario.IncidentsAsync(enrich.Name));
        Assert.Equal((AnomalyKinds.TokenSpike, "learned"), (incident.Kind, incident.Facts["expectationSource"]));
        Assert.Contains("the median of its last 20 runs", incident.Explanation);
        Assert.Single(await scenario.AlertsAsync(listener, enrich.Name, expected: 1));
    }
}
