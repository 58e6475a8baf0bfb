using System.Net;
using System.Text.Json;
using AiFinOps.Cli.Chargeback;
using AiFinOps.Cli.Common;
using Spectre.Console;

namespace AiFinOps.Cli.Tests;

public sealed class ChargebackTests
{
    private static string Path(string commandLine)
    {
        var parse = Cli.Parse(commandLine);
        return Cli.Command<ChargebackCommand>(parse).Path(parse);
    }

    [Fact]
    public void Chargeback_asks_for_the_period_per_cost_centre_by_default()
    {
        Assert.Equal("/api/v1/chargeback/2026-11", Path("chargeback 2026-11"));
        Assert.Equal("/api/v1/chargeback/2026-11?groupBy=cost_centre%2Cteam", Path("chargeback 2026-11 --group-by cost_centre,team"));
        Assert.Equal("/api/v1/chargeback/2026-11?groupBy=team&format=csv", Path("chargeback 2026-11 --group-by team --csv"));
    }

    [Fact]
    public void A_period_that_is_not_yyyy_mm_and_both_csv_and_json_are_refused()
    {
        Assert.Contains("is not a billing period like 2026-11", Cli.Errors("chargeback november"));
        Assert.Contains("Choose one of --csv and --json", Cli.Errors("chargeback 2026-11 --csv --json"));
        Assert.NotEmpty(Cli.Errors("chargeback"));
    }

    [Fact]
    public void The_table_shows_each_line_marks_corrections_and_shares_and_ends_with_subtotals_and_the_total()
    {
        const string answer = """
            { "period": "2026-11", "timeZone": "UTC", "status": "closed", "closedAt": "2026-12-02T09:00:00Z", "closedBy": "finance",
              "groupBy": ["cost_centre"], "teams": [],
              "lines": [
                { "costCentre": "CC-100 Search", "chargeClass": "Regular", "sharedFrom": null, "listCostUsd": 12.5, "effectiveCostUsd": 11.25,
                  "billedCostUsd": 11.25, "events": 1200, "unpricedEvents": 0, "inputTokens": 1500000, "outputTokens": 300000,
                  "cacheReadTokens": 0, "cacheWriteTokens": 0, "reasoningTokens": 0 },
                { "costCentre": "CC-100 Search", "chargeClass": "Regular", "sharedFrom": "workflow:platform-router", "listCostUsd": 0.75,
                  "effectiveCostUsd": 0.75, "billedCostUsd": 0.75, "events": 7, "unpricedEvents": 0, "inputTokens": 700, "outputTokens": 70,
                  "cacheReadTokens": 0, "cacheWriteTokens": 0, "reasoningTokens": 0 },
                { "costCentre": "(untagged)", "chargeClass": "Correction", "sharedFrom": null, "listCostUsd": -0.01, "effectiveCostUsd": -0.01,
                  "billedCostUsd": -0.01, "events": 0, "unpricedEvents": 0, "inputTokens": 0, "outputTokens": 0,
                  "cacheReadTokens": 0, "cacheWriteTokens": 0, "reasoningTokens": 0 } ],
              "byChargeClass": {
                "Regular": { "listCostUsd": 13.25, "effectiveCostUsd": 12, "billedCostUsd": 12, "events": 1207, "unpricedEvents": 0,
                  "inputTokens": 1500700, "outputTokens": 300070, "cacheReadTokens": 0, "cacheWriteTokens": 0, "reasoningTokens": 0 },
                "Correction": { "listCostUsd": -0.01, "effectiveCostUsd": -0.01, "billedCostUsd": -0.01, "events": 0, "unpricedEvents": 0,
                  "inputTokens": 0, "outputTokens": 0, "cacheReadTokens": 0, "cacheWriteTokens": 0, "reasoningTokens": 0 } },
              "totals": { "listCostUsd": 13.24, "effectiveCostUsd": 11.99, "billedCostUsd": 11.99, "events": 1207, "unpricedEvents": 0,
                  "inputTokens": 1500700, "outputTokens": 300070, "cacheReadTokens": 0, "cacheWriteTokens": 0, "reasoningTokens": 0 } }
            """;
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 220;

        console.Write(ChargebackTable.Build(JsonSerializer.Deserialize<JsonElement>(answer)));

        var text = writer.ToString();
        Assert.Contains("Chargeback 2026-11 (UTC) · closed 2026-12-02 09:00 by finance, frozen", text);
        Assert.Contains("CC-100 Search", text);
        Assert.Contains("workflow:platform-router", text);
        Assert.Contains("Correction", text);
        Assert.Contains("1,500,000", text);
        Assert.Contains("$12.50", text);
        Assert.Contains("Regular subtotal", text);
        Assert.Contains("Correction subtotal", text);
        Assert.Contains("Total", text);
        Assert.Contains("$11.99", text);
    }

    [Fact]
    public async Task Csv_is_fetched_as_the_service_wrote_it_and_a_refusal_is_explained()
    {
        var handler = new Answering(request => request.Headers.Accept.ToString() == "text/csv"
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("billing_period,cost_centre\r\n2026-11,CC-1\r\n") }
            : new HttpResponseMessage(HttpStatusCode.NotAcceptable));
        using var gateway = new GatewayClient(new Uri("http://gateway.test"), "key", handler);

        Assert.Equal("billing_period,cost_centre\r\n2026-11,CC-1\r\n", await gateway.GetTextAsync("/api/v1/chargeback/2026-11?format=csv", "text/csv", default));

        var refusing = new Answering(_ => new HttpResponseMessage(HttpStatusCode.Forbidden)
        {
            Content = new StringContent("""{"title":"Forbidden","detail":"needs a key with the finance scope"}"""),
        });
        using var refused = new GatewayClient(new Uri("http://gateway.test"), "key", refusing);
        var error = await Assert.ThrowsAsync<GatewayException>(() => refused.GetTextAsync("/api/v1/chargeback/2026-11", "text/csv", default));
        Assert.Contains("needs a key with the finance scope", error.Message);
    }

    private sealed class Answering(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
