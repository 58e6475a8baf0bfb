using System.Net;
using System.Net.Http.Json;
using AiFinOps.Budgeting.Spend.GettingAccruedSpend;

namespace AiFinOps.Budgeting.Tests;

/// <summary>Usage published on the real bus, read back through the REST API.</summary>
public sealed class AccruedSpendApiTests(BudgetingApp app) : IClassFixture<BudgetingApp>
{
    private const string Period = "2026-11";

    [Fact]
    public async Task A_batch_on_the_bus_reaches_the_accrued_spend_of_its_team_and_month()
    {
        var team = Usages.NewTeam();
        await app.PublishAsync(Usages.Batch(
            Usages.Priced(team, 1.5m, 1.2m),
            Usages.Priced(team, 0.5m, 0.4m),
            Usages.Unpriced(team),
            Usages.Priced(team, 9m, 9m, occurredAt: new DateTimeOffset(2026, 10, 31, 23, 59, 0, TimeSpan.Zero))));

        var spend = await EventuallyTeam(TestApiKeys.Reader, team, s => s?.Events == 3);

        Assert.Equal(new TeamAccruedSpend(team, 2.0m, 1.6m, 3, 1), spend);
    }

    [Fact]
    public async Task Redelivering_a_batch_through_the_bus_changes_nothing()
    {
        var team = Usages.NewTeam();
        var batch = Usages.Batch(Usages.Priced(team, 1m, 0.8m), Usages.Priced(team, 2m, 1.6m));

        await Task.WhenAll(app.PublishAsync(batch), app.PublishAsync(batch), app.PublishAsync(batch));
        // A later batch of the same team: once it shows, the redeliveries before it have had their turn.
        await app.PublishAsync(Usages.Batch(Usages.Priced(team, 10m, 10m)));
        await EventuallyTeam(TestApiKeys.Reader, team, s => s?.ListCostUsd >= 10m);
        await Task.Delay(1000);

        var spend = await Team(TestApiKeys.Reader, team);
        Assert.Equal(new TeamAccruedSpend(team, 13m, 12.4m, 3, 0), spend);
    }

    [Fact]
    public async Task Overlapping_batches_delivered_at_once_record_every_usage_once()
    {
        var team = Usages.NewTeam();
        var usages = Enumerable.Range(0, 60).Select(_ => Usages.Priced(team, 1m, 0.5m)).ToArray();

        // Batch i holds usages 5i..5i+14: every usage is in up to three batches racing each other. A batch that loses
        // a race on one usage must still record its others (the retry does), or they would be lost.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => app.PublishAsync(Usages.Batch(usages.Skip(5 * i).Take(15).ToArray()))));
        var spend = await EventuallyTeam(TestApiKeys.Reader, team, s => s?.Events == 60);
        await Task.Delay(1000);

        Assert.Equal(new TeamAccruedSpend(team, 60m, 30m, 60, 0), await Team(TestApiKeys.Reader, team));
    }

    [Fact]
    public async Task A_team_restricted_key_sees_only_its_own_team()
    {
        var mine = Usages.NewTeam();
        var theirs = Usages.NewTeam();
        await app.PublishAsync(Usages.Batch(Usages.Priced(mine, 1m, 1m), Usages.Priced(theirs, 2m, 2m)));
        await EventuallyTeam(TestApiKeys.Reader, theirs, s => s is not null);
        await EventuallyTeam(TestApiKeys.Reader, mine, s => s is not null);

        var seen = await Read(TestApiKeys.ReaderOf(mine));

        Assert.Equal([mine], seen.Teams.Select(t => t.Team));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("11-2026")]
    [InlineData("2026")]
    public async Task A_malformed_period_is_a_400_problem_naming_the_parameter(string period)
    {
        using var response = await app.ClientWithKey(TestApiKeys.Reader).GetAsync($"/api/v1/budgets/accrued?period={period}");

        await ServiceAssert.ValidationProblemAsync(response, "period");
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("not-a-key", HttpStatusCode.Unauthorized)]
    [InlineData(TestApiKeys.Ingest, HttpStatusCode.Forbidden)]
    [InlineData(TestApiKeys.Admin, HttpStatusCode.OK)]
    public async Task Reading_accrued_spend_needs_a_key_with_read_scope(string? key, HttpStatusCode expected)
    {
        using var response = await app.ClientWithKey(key).GetAsync($"/api/v1/budgets/accrued?period={Period}");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public Task Health_is_ready_when_postgres_and_the_bus_are() => ServiceAssert.ReadyWithPostgresAndBusAsync(app);

    [Fact]
    public async Task The_openapi_document_describes_the_accrued_spend_read()
    {
        var document = await app.ClientWithKey(null).GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/budgets/accrued", document);
    }

    private async Task<AccruedSpend> Read(string key) =>
        (await app.ClientWithKey(key).GetFromJsonAsync<AccruedSpend>($"/api/v1/budgets/accrued?period={Period}"))!;

    private async Task<TeamAccruedSpend?> Team(string key, string team) =>
        (await Read(key)).Teams.SingleOrDefault(t => t.Team == team);

    private Task<TeamAccruedSpend?> EventuallyTeam(string key, string team, Func<TeamAccruedSpend?, bool> done) =>
        Eventually.MatchesAsync(() => Team(key, team), done);
}
