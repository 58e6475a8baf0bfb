using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.Reporting.Outcomes.GettingOutcomes;
using AiFinOps.ServiceDefaults.Queries;

namespace AiFinOps.Reporting.Tests;

/// <summary>Outcomes published on the real bus, read back through the REST API.</summary>
public sealed class OutcomesApiTests(ReportingApp app) : IClassFixture<ReportingApp>
{
    private const string November = "from=2026-11-01&to=2026-11-30";

    [Fact]
    public async Task Outcomes_on_the_bus_are_summed_per_workflow_and_unit()
    {
        var team = Outcomes.NewName("team");
        var (triage, summarise) = (Outcomes.NewName("wf"), Outcomes.NewName("wf"));
        await app.PublishAsync(Outcomes.Batch(
            Outcomes.Delivered(team, triage, "ticket", 3),
            Outcomes.Delivered(team, triage, "ticket", 2),
            Outcomes.Delivered(team, triage, "escalation", 1),
            Outcomes.Delivered(team, summarise, "document", 12.5),
            Outcomes.Delivered(team, summarise, "document", 99, occurredAt: new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero))));

        var totals = await Eventually.MatchesAsync(() => Read(TestApiKeys.ReaderOf(team)), t => t.Sum(w => w.Outcomes) == 4);

        Assert.Equal(
            new[] { new WorkflowOutcome(triage, "escalation", 1, 1), new WorkflowOutcome(triage, "ticket", 5, 2), new WorkflowOutcome(summarise, "document", 12.5, 1) }
                .OrderBy(w => w.Workflow, StringComparer.Ordinal).ThenBy(w => w.Unit, StringComparer.Ordinal),
            totals);
    }

    [Fact]
    public async Task Redelivering_a_batch_through_the_bus_changes_nothing()
    {
        var (team, workflow) = (Outcomes.NewName("team"), Outcomes.NewName("wf"));
        var batch = Outcomes.Batch(Outcomes.Delivered(team, workflow, "ticket", 1), Outcomes.Delivered(team, workflow, "ticket", 1));

        await Task.WhenAll(app.PublishAsync(batch), app.PublishAsync(batch), app.PublishAsync(batch));
        // A later outcome of the same team: once it shows, the redeliveries before it have had their turn.
        await app.PublishAsync(Outcomes.Batch(Outcomes.Delivered(team, workflow, "escalation", 1)));
        await Eventually.MatchesAsync(() => Read(TestApiKeys.ReaderOf(team)), t => t.Any(w => w.Unit == "escalation"));
        await Task.Delay(1000);

        Assert.Equal(2, (await Read(TestApiKeys.ReaderOf(team))).Single(w => w.Unit == "ticket").Quantity);
    }

    [Fact]
    public async Task Overlapping_batches_delivered_at_once_record_every_outcome_once()
    {
        var (team, workflow) = (Outcomes.NewName("team"), Outcomes.NewName("wf"));
        var outcomes = Enumerable.Range(0, 60).Select(_ => Outcomes.Delivered(team, workflow, "ticket", 1)).ToArray();

        // Batch i holds outcomes 5i..5i+14: every outcome is in up to three batches racing each other. A batch that
        // loses a race on one outcome must still record its others (the retry does), or they would be lost.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => app.PublishAsync(Outcomes.Batch(outcomes.Skip(5 * i).Take(15).ToArray()))));
        await Eventually.MatchesAsync(() => Read(TestApiKeys.ReaderOf(team)), t => t.SingleOrDefault()?.Outcomes == 60);
        await Task.Delay(1000);

        Assert.Equal([new WorkflowOutcome(workflow, "ticket", 60, 60)], await Read(TestApiKeys.ReaderOf(team)));
    }

    [Fact]
    public async Task A_team_restricted_key_sees_only_its_own_team()
    {
        var (mine, theirs, workflow) = (Outcomes.NewName("team"), Outcomes.NewName("team"), Outcomes.NewName("wf"));
        await app.PublishAsync(Outcomes.Batch(Outcomes.Delivered(mine, workflow, "ticket", 1), Outcomes.Delivered(theirs, workflow, "ticket", 10)));
        await Eventually.MatchesAsync(() => Read(TestApiKeys.Reader), t => t.Any(w => w.Workflow == workflow && w.Quantity == 11));

        var mineOnly = await Read(TestApiKeys.ReaderOf(mine));

        Assert.Equal([new WorkflowOutcome(workflow, "ticket", 1, 1)], mineOnly);
    }

    [Fact]
    public async Task The_read_covers_the_last_seven_days_unless_told_otherwise_and_a_date_to_covers_that_whole_day()
    {
        var lastWeek = await app.ClientWithKey(TestApiKeys.Reader).GetFromJsonAsync<OutcomeTotals>("/api/v1/reports/outcomes");
        var november = await app.ClientWithKey(TestApiKeys.Reader).GetFromJsonAsync<OutcomeTotals>($"/api/v1/reports/outcomes?{November}");

        Assert.Equal(TimeSpan.FromDays(7), lastWeek!.To - lastWeek.From);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), november!.To);
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-11-31", "to")]
    [InlineData("from=2026-11-01T00:00:00", "from")]
    [InlineData("from=2026-12-01&to=2026-11-01", "to")]
    public async Task A_malformed_window_is_a_400_problem_naming_the_parameter(string query, string parameter)
    {
        using var response = await app.ClientWithKey(TestApiKeys.Reader).GetAsync($"/api/v1/reports/outcomes?{query}");

        await ServiceAssert.ValidationProblemAsync(response, parameter);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(TestApiKeys.Ingest, HttpStatusCode.Forbidden)]
    [InlineData(TestApiKeys.Reader, HttpStatusCode.OK)]
    public async Task Reading_outcomes_needs_a_key_with_read_scope(string? key, HttpStatusCode expected)
    {
        using var response = await app.ClientWithKey(key).GetAsync($"/api/v1/reports/outcomes?{November}");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public Task Health_is_ready_when_postgres_and_the_bus_are() => ServiceAssert.ReadyWithPostgresAndBusAsync(app);

    [Fact]
    public async Task The_openapi_document_describes_the_outcomes_read_and_its_time_range()
    {
        var paths = (await app.ClientWithKey(null).GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        Assert.StartsWith(TimeRange.Describe("the last 7 days"),
            paths.GetProperty("/api/v1/reports/outcomes").GetProperty("get").GetProperty("description").GetString());
    }

    private async Task<IReadOnlyList<WorkflowOutcome>> Read(string key) =>
        (await app.ClientWithKey(key).GetFromJsonAsync<OutcomeTotals>($"/api/v1/reports/outcomes?{November}"))!.Workflows;
}
