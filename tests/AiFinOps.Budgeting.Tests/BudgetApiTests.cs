using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiFinOps.Budgeting.Budgets.ManagingBudgets;

namespace AiFinOps.Budgeting.Tests;

/// <summary>Budgets over REST against the real servers: CRUD, problems, team keys, CSV import, status, alerts on the bus.</summary>
public sealed class BudgetApiTests(BudgetingApp app) : IClassFixture<BudgetingApp>
{
    private static string ThisMonth => DateTime.UtcNow.ToString("yyyy-MM");

    private static object Body(string team, decimal amount = 100m, object? thresholds = null, string? id = null) => new
    {
        id,
        name = $"{team} monthly",
        scope = $"team:{team}",
        period = "monthly",
        amountUsd = amount,
        thresholds,
        owner = "lead@example.com",
        recipients = new[] { "finops@example.com", "webhook:ops" },
    };

    [Fact]
    public async Task A_budget_is_defined_read_amended_and_archived()
    {
        var team = Usages.NewTeam();
        var finance = app.ClientWithKey(FinanceKeys.Finance);

        using var created = await finance.PostAsJsonAsync("/api/v1/budgets", Body(team, thresholds: new[] { 50, 100 }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var budget = (await created.Content.ReadFromJsonAsync<BudgetView>())!;
        Assert.Equal(created.Headers.Location!.ToString(), $"/api/v1/budgets/{budget.Id}");
        Assert.Equal([50, 100], budget.Thresholds);
        Assert.Equal((ThisMonth, $"team:{team}"), (budget.FirstPeriod, budget.Scope));

        using var amended = await finance.PutAsJsonAsync($"/api/v1/budgets/{budget.Id}", Body(team, amount: 250m));
        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);
        var read = await app.ClientWithKey(TestApiKeys.Reader).GetFromJsonAsync<BudgetView>($"/api/v1/budgets/{budget.Id}");
        Assert.Equal(250m, read!.AmountUsd);
        Assert.Equal([80, 100], read.Thresholds);

        Assert.Equal(HttpStatusCode.NoContent, (await finance.DeleteAsync($"/api/v1/budgets/{budget.Id}")).StatusCode);
        var listed = await app.ClientWithKey(TestApiKeys.Reader).GetFromJsonAsync<List<BudgetView>>("/api/v1/budgets");
        Assert.DoesNotContain(listed!, b => b.Id == budget.Id);
        var all = await app.ClientWithKey(TestApiKeys.Reader).GetFromJsonAsync<List<BudgetView>>("/api/v1/budgets?includeArchived=true");
        Assert.True(all!.Single(b => b.Id == budget.Id).Archived);
    }

    [Fact]
    public async Task Every_bad_field_is_a_problem_naming_it()
    {
        using var response = await app.ClientWithKey(FinanceKeys.Finance).PostAsJsonAsync("/api/v1/budgets", new
        {
            name = "",
            scope = "planet:mars",
            period = "weekly",
            amountUsd = "lots",
            thresholds = new object[] { 100, "eighty" },
            owner = "me",
            recipients = new[] { "nobody" },
        });

        await ServiceAssert.ValidationProblemAsync(response, "amountUsd", "thresholds[1]", "name", "scope", "period", "recipients[0]");
    }

    [Fact]
    public async Task Changing_a_budget_s_scope_is_a_problem_naming_the_scope()
    {
        var finance = app.ClientWithKey(FinanceKeys.Finance);
        var team = Usages.NewTeam();
        var budget = (await (await finance.PostAsJsonAsync("/api/v1/budgets", Body(team))).Content.ReadFromJsonAsync<BudgetView>())!;

        using var response = await finance.PutAsJsonAsync($"/api/v1/budgets/{budget.Id}", Body(Usages.NewTeam()));

        await ServiceAssert.ValidationProblemAsync(response, "scope");
    }

    [Fact]
    public async Task A_team_key_sees_and_manages_only_its_own_teams_budgets()
    {
        var mine = Usages.NewTeam();
        var theirs = Usages.NewTeam();
        var myKey = app.ClientWithKey(FinanceKeys.FinanceOf(mine));
        var finance = app.ClientWithKey(FinanceKeys.Finance);
        var their = (await (await finance.PostAsJsonAsync("/api/v1/budgets", Body(theirs))).Content.ReadFromJsonAsync<BudgetView>())!;

        Assert.Equal(HttpStatusCode.Created, (await myKey.PostAsJsonAsync("/api/v1/budgets", Body(mine))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await myKey.PostAsJsonAsync("/api/v1/budgets", Body(theirs))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await myKey.GetAsync($"/api/v1/budgets/{their.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await myKey.PutAsJsonAsync($"/api/v1/budgets/{their.Id}", Body(theirs, 1m))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await myKey.DeleteAsync($"/api/v1/budgets/{their.Id}")).StatusCode);
        var seen = await app.ClientWithKey(TestApiKeys.ReaderOf(mine)).GetFromJsonAsync<List<BudgetView>>("/api/v1/budgets");
        Assert.Equal([$"team:{mine}"], seen!.Select(b => b.Scope));
    }

    [Theory]
    [InlineData(TestApiKeys.Reader, HttpStatusCode.Forbidden)]
    [InlineData(TestApiKeys.Ingest, HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Defining_a_budget_needs_the_finance_scope(string? key, HttpStatusCode expected) =>
        Assert.Equal(expected, (await app.ClientWithKey(key).PostAsJsonAsync("/api/v1/budgets", Body(Usages.NewTeam()))).StatusCode);

    [Fact]
    public async Task A_csv_with_one_bad_row_imports_nothing_and_names_the_row_and_field()
    {
        var (a, b) = (Usages.NewTeam(), Usages.NewTeam());
        using var response = await ImportAsync($"""
            id,name,scope,period,amountUsd,thresholds,owner,recipients
            {a},A,team:{a},monthly,100,,lead@example.com,
            {b},B,team:{b},monthly,-5,80;100,lead@example.com,
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["line 3: amountUsd"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientWithKey(TestApiKeys.Reader).GetAsync($"/api/v1/budgets/{a}")).StatusCode);
    }

    [Fact]
    public async Task A_partial_csv_import_defines_the_good_rows_and_reports_the_bad()
    {
        var (a, b) = (Usages.NewTeam(), Usages.NewTeam());
        using var response = await ImportAsync($"""
            id,name,scope,period,amountUsd,thresholds,owner,recipients
            {a},A,team:{a},quarterly,100,50;100,lead@example.com,webhook:ops
            {b},B,team:{b},monthly,100,100;80,lead@example.com,
            """, partial: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var import = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([a], import.GetProperty("budgetIds").EnumerateArray().Select(e => e.GetString()));
        var rejected = import.GetProperty("rejected").EnumerateArray().Single();
        Assert.Equal((3, "thresholds[1]"), (rejected.GetProperty("line").GetInt32(), rejected.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Crossing_80_percent_shows_in_status_and_history_and_leaves_once_on_the_bus_with_the_alert_id()
    {
        await using var listener = await AlertListener.StartAsync(app.Schema.Replace('_', '-'));
        var team = Usages.NewTeam();
        var budget = (await (await app.ClientWithKey(FinanceKeys.Finance).PostAsJsonAsync("/api/v1/budgets", Body(team, 10m)))
            .Content.ReadFromJsonAsync<BudgetView>())!;
        var batch = Usages.Batch(Usages.Priced(team, 9m, 8.5m, DateTimeOffset.UtcNow));

        await Task.WhenAll(app.PublishAsync(batch), app.PublishAsync(batch));

        await Eventually.MatchesAsync(() => Task.FromResult(listener.Of(budget.Id).Count), n => n >= 1);
        var status = await Eventually.MatchesAsync(
            () => app.ClientWithKey(TestApiKeys.ReaderOf(team)).GetFromJsonAsync<JsonElement>($"/api/v1/budgets/{budget.Id}/status"),
            s => s.GetProperty("spentUsd").GetDecimal() == 8.5m);
        Assert.Equal((1.5m, 85m), (status.GetProperty("remainingUsd").GetDecimal(), status.GetProperty("percentUsed").GetDecimal()));
        var thresholds = status.GetProperty("thresholds").EnumerateArray().ToList();
        Assert.True(thresholds[0].GetProperty("crossed").GetBoolean());
        Assert.False(thresholds[1].GetProperty("crossed").GetBoolean());
        Assert.InRange(status.GetProperty("daysLeft").GetInt32(), 1, 31);

        await Task.Delay(1500);
        var (messageId, alert) = Assert.Single(listener.Received, r => r.Alert.BudgetId == budget.Id);
        Assert.Equal(alert.AlertId, messageId);
        Assert.Equal((80, 8.5m, 10m, 85m, $"team:{team}", ThisMonth), (alert.ThresholdPercent, alert.SpentUsd, alert.BudgetUsd, alert.PercentUsed, alert.Scope, alert.Period));
        var history = await app.ClientWithKey(TestApiKeys.Reader).GetFromJsonAsync<JsonElement>($"/api/v1/budgets/alerts?budgetId={budget.Id}&kind=budget.threshold");
        Assert.NotEqual(JsonValueKind.Null, Assert.Single(history.EnumerateArray()).GetProperty("publishedAt").ValueKind);
    }

    [Fact]
    public async Task A_status_for_a_malformed_period_is_a_problem_naming_it()
    {
        var budget = (await (await app.ClientWithKey(FinanceKeys.Finance).PostAsJsonAsync("/api/v1/budgets", Body(Usages.NewTeam())))
            .Content.ReadFromJsonAsync<BudgetView>())!;

        await ServiceAssert.ValidationProblemAsync(
            await app.ClientWithKey(TestApiKeys.Reader).GetAsync($"/api/v1/budgets/{budget.Id}/status?period=2026-Q4"), "period");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_budget_api()
    {
        var document = await app.ClientWithKey(null).GetStringAsync("/openapi/v1.json");

        foreach (var path in new[] { "/api/v1/budgets", "/api/v1/budgets/{id}", "/api/v1/budgets/{id}/status", "/api/v1/budgets/alerts",
                     "/api/v1/budgets/alerts/{alertId}/acknowledge", "/api/v1/budgets/imports/csv" })
            Assert.Contains($"\"{path}\"", document);
    }

    private Task<HttpResponseMessage> ImportAsync(string csv, bool partial = false) =>
        app.ClientWithKey(FinanceKeys.Finance).PostAsync($"/api/v1/budgets/imports/csv{(partial ? "?partial=true" : "")}",
            new StringContent(csv, Encoding.UTF8, "text/csv"));
}
