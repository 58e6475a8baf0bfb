using System.Text.Json;
using AiFinOps.Web.Downloads;

namespace AiFinOps.Web.Tests;

public sealed class CsvTests
{
    [Fact]
    public void Fields_with_commas_quotes_or_line_breaks_are_quoted_and_quotes_doubled()
    {
        var csv = Csv.Build(["team", "note"], [["search", "plain"], ["a,b", "say \"hi\""], ["x", "two\nlines"]]);

        Assert.Equal("team,note\r\nsearch,plain\r\n\"a,b\",\"say \"\"hi\"\"\"\r\nx,\"two\nlines\"\r\n", csv);
    }

    [Fact]
    public void A_spend_answer_becomes_one_line_per_group_with_the_figures_exactly_as_the_api_wrote_them()
    {
        var spend = JsonDocument.Parse("""
            {"rows":[{"workflow":"triage","listCostUsd":0.000450,"effectiveCostUsd":0.00036,"billedCostUsd":0.00036,"events":3,
                      "unpricedEvents":0,"inputTokens":3000,"outputTokens":1500},
                     {"workflow":"(untagged)","listCostUsd":12.5,"effectiveCostUsd":10,"billedCostUsd":10,"events":1,
                      "unpricedEvents":1,"inputTokens":10,"outputTokens":5}],
             "totals":{}}
            """).RootElement;

        var lines = SpendCsv.Of("workflow", spend).Split("\r\n");

        Assert.Equal("workflow,listCostUsd,effectiveCostUsd,billedCostUsd,events,unpricedEvents,inputTokens,outputTokens", lines[0]);
        Assert.Equal("triage,0.000450,0.00036,0.00036,3,0,3000,1500", lines[1]);
        Assert.Equal("(untagged),12.5,10,10,1,1,10,5", lines[2]);
        Assert.Equal("", lines[3]);
    }
}
