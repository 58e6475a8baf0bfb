using System.Text.Json;
using AiFinOps.Cli.Budgets;

namespace AiFinOps.Cli.Tests;

public sealed class BudgetsTests
{
    private static readonly JsonElement Status = JsonSerializer.Deserialize<JsonElement>("""
        { "budgetId": "team-search-monthly", "name": "Search, monthly", "scope": "team:search", "period": "2026-11",
          "periodStart": "2026-11-01T00:00:00+00:00", "periodEnd": "2026-12-01T00:00:00+00:00",
          "amountUsd": 1000, "spentUsd": 850.5, "remainingUsd": 149.5, "percentUsed": 85.05, "events": 12345, "daysLeft": 3,
          "archived": false,
          "thresholds": [ { "percent": 80, "atUsd": 800, "crossed": true, "crossedAt": "2026-11-20T10:00:00+00:00", "spentWhenCrossedUsd": 801 },
                          { "percent": 100, "atUsd": 1000, "crossed": false, "crossedAt": null, "spentWhenCrossedUsd": null } ],
          "burnRateUsdPerDay": 31.5, "forecastUsd": 945,
          "forecastAlert": { "projectedOverBudget": false, "alertsRaised": 0, "lastAlertedForecastUsd": null, "lastAlertedAt": null } }
        """);

    [Fact]
    public void Budgets_lists_then_reads_each_status_and_can_include_archived_ones()
    {
        var parse = Cli.Parse("budgets");
        Assert.Equal("/api/v1/budgets", Cli.Command<BudgetsCommand>(parse).ListPath(parse));
        var archived = Cli.Parse("budgets --archived --csv");
        Assert.Equal("/api/v1/budgets?includeArchived=true", Cli.Command<BudgetsCommand>(archived).ListPath(archived));
        Assert.Equal("/api/v1/budgets/team%20x/status", BudgetsCommand.StatusPath("team x"));
    }

    [Fact]
    public void Json_and_csv_together_are_refused() =>
        Assert.Contains("Choose one of --csv and --json", Cli.Errors("budgets --json --csv"));

    [Fact]
    public void The_budget_table_shows_spent_remaining_use_forecast_and_crossed_thresholds()
    {
        var text = Rendered.Text(BudgetTable.Build([Status]));

        Assert.Contains("Search, monthly", text);
        Assert.Contains("team:search", text);
        Assert.Contains("$1,000.00", text);
        Assert.Contains("$850.50", text);
        Assert.Contains("$149.50", text);
        Assert.Contains("85.1 %", text);
        Assert.Contains("$945.00", text);
        Assert.Contains("80 %", text);
        Assert.DoesNotContain("100 %", text);
    }

    [Fact]
    public void No_budgets_says_how_to_define_one() =>
        Assert.Contains("No budgets yet", Rendered.Text(BudgetTable.Build([])));

    [Fact]
    public void Budget_csv_has_one_line_per_budget_with_unrounded_figures()
    {
        var lines = BudgetTable.Csv([Status]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.StartsWith("budgetId,name,scope,period,", lines[0]);
        Assert.Equal("team-search-monthly,\"Search, monthly\",team:search,2026-11,2026-11-01T00:00:00+00:00,2026-12-01T00:00:00+00:00," +
            "1000,850.5,149.5,85.05,12345,3,80,31.5,945,false,false", lines[1]);
    }
}
