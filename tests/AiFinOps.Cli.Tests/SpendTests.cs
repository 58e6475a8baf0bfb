using System.Net;
using System.Text.Json;
using AiFinOps.Cli.Common;
using AiFinOps.Cli.Spending;
using Spectre.Console;

namespace AiFinOps.Cli.Tests;

public sealed class SpendTests
{
    private static string Query(string commandLine)
    {
        var parse = Cli.Parse(commandLine);
        return Cli.Command<SpendCommand>(parse).Query(parse);
    }

    [Fact]
    public void Spend_asks_for_the_period_and_grouping_given()
    {
        Assert.Equal(
            "/api/v1/spend?from=2026-11-01&to=2026-12-01&groupBy=team%2Cmodel",
            Query("spend --from 2026-11-01 --to 2026-12-01 --group-by team,model"));
    }

    [Fact]
    public void Spend_defaults_to_this_month_by_team_and_takes_times_in_utc()
    {
        var firstOfMonth = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).ToString("yyyy-MM-dd");
        Assert.StartsWith($"/api/v1/spend?from={firstOfMonth}&to=", Query("spend"));
        Assert.EndsWith("&groupBy=team", Query("spend"));
        Assert.Contains("from=2026-11-01T08%3A00%3A00Z", Query("spend --from 2026-11-01T09:00:00+01:00"));
    }

    [Fact]
    public void A_date_that_is_not_one_is_refused() =>
        Assert.Contains("is not a date", Cli.Errors("spend --from yesterday"));

    [Fact]
    public void The_spend_table_shows_each_group_and_the_totals()
    {
        const string answer = """
            { "from": "2026-11-01", "to": "2026-12-01", "groupBy": ["team"],
              "rows": [ { "team": "support", "listCostUsd": 1.23, "effectiveCostUsd": 1.2, "billedCostUsd": null, "events": 10,
                          "inputTokens": 12000, "outputTokens": 3400, "cacheReadTokens": 5000, "cacheWriteTokens": 0,
                          "reasoningTokens": 0, "unpricedEvents": 0 } ],
              "totals": { "listCostUsd": 1.23, "effectiveCostUsd": 1.2, "billedCostUsd": null, "events": 10,
                          "inputTokens": 12000, "outputTokens": 3400, "cacheReadTokens": 5000, "cacheWriteTokens": 0,
                          "reasoningTokens": 0, "unpricedEvents": 0 } }
            """;
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 200;

        console.Write(SpendTable.Build(JsonSerializer.Deserialize<JsonElement>(answer)));

        var text = writer.ToString();
        Assert.Contains("support", text);
        Assert.Contains("12,000", text);
        Assert.Contains("$1.23", text);
        Assert.Contains("Total", text);
    }

    [Fact]
    public void Spend_csv_has_the_dimensions_then_every_measure_unrounded_and_no_totals_line()
    {
        const string answer = """
            { "from": "2026-11-01", "to": "2026-12-01", "groupBy": ["team", "cost_centre"],
              "rows": [ { "team": "support", "costCentre": "CC-1, EU", "listCostUsd": 1.234567, "effectiveCostUsd": 1.2, "billedCostUsd": null,
                          "events": 10, "inputTokens": 12000, "outputTokens": 3400, "cacheReadTokens": 5000, "cacheWriteTokens": 0,
                          "reasoningTokens": 0, "unpricedEvents": 0 } ],
              "totals": { "listCostUsd": 1.234567, "events": 10 } }
            """;

        var lines = SpendTable.Csv(JsonSerializer.Deserialize<JsonElement>(answer)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.Equal("team,cost_centre,events,inputTokens,outputTokens,cacheReadTokens,cacheWriteTokens,reasoningTokens," +
            "listCostUsd,effectiveCostUsd,billedCostUsd,unpricedEvents", lines[0]);
        Assert.Equal("support,\"CC-1, EU\",10,12000,3400,5000,0,0,1.234567,1.2,,0", lines[1]);
    }

    [Fact]
    public void Spend_takes_json_or_csv_but_not_both()
    {
        Assert.Empty(Cli.Parse("spend --csv").Errors);
        Assert.Empty(Cli.Parse("spend --json").Errors);
        Assert.Contains("Choose one of --csv and --json", Cli.Errors("spend --csv --json"));
    }

    [Fact]
    public void Problem_details_are_explained_with_title_detail_and_field_errors()
    {
        const string problem = """
            { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "The key request is invalid",
              "status": 400, "detail": "Fix the fields below.", "errors": { "scopes": ["unknown scope 'x'"] } }
            """;
        var error = GatewayException.FromResponse(HttpStatusCode.BadRequest, "Bad Request", problem);
        Assert.Contains("400 Bad Request: The key request is invalid — Fix the fields below.", error.Message);
        Assert.Contains("scopes: unknown scope 'x'", error.Message);
    }

    [Fact]
    public void A_refused_key_says_how_to_pass_one()
    {
        var error = GatewayException.FromResponse(HttpStatusCode.Unauthorized, "Unauthorized", "");
        Assert.Contains("--key or AIFINOPS_API_KEY", error.Message);
    }
}
