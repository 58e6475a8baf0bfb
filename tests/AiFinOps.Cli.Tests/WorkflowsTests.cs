using System.Text.Json;
using AiFinOps.Cli.Common;
using AiFinOps.Cli.Workflows;
using Spectre.Console;

namespace AiFinOps.Cli.Tests;

public sealed class WorkflowsTests
{
    [Fact]
    public void Register_sends_the_name_and_every_term_given_as_the_api_expects()
    {
        var parse = Cli.Parse("workflows register support-triage --team support --description \"Triage tickets\" --models gpt-4o-mini,gpt-4o " +
            "--value-unit ticket_triaged --estimated-monthly-cost 1500.50 --expected-tokens-per-run 12000 --expected-runs-per-day 400 " +
            "--launch-date 2026-11-01 --token-spike-factor 2.5 --output-shift-threshold 0.3");

        var body = Cli.Command<RegisterWorkflowCommand>(parse).Body(parse);

        Assert.Equal(
            """{"name":"support-triage","ownerTeam":"support","description":"Triage tickets","models":["gpt-4o-mini","gpt-4o"],"valueUnit":"ticket_triaged","estimatedMonthlyCostUsd":1500.50,"expectedTokensPerRun":12000,"expectedRunsPerDay":400,"launchDate":"2026-11-01","tokenSpikeFactor":2.5,"outputShiftThreshold":0.3}""",
            JsonSerializer.Serialize(body, GatewayClient.Json));
    }

    [Fact]
    public void Register_needs_only_a_name_and_a_team_and_leaves_the_rest_to_the_checklist()
    {
        var parse = Cli.Parse("workflows register lead-enrichment --team sales");

        var body = Cli.Command<RegisterWorkflowCommand>(parse).Body(parse);

        Assert.Equal(new WorkflowBody("lead-enrichment", "sales", null, null, null, null, null, null, null, null, null), body with { Models = null });
    }

    [Theory]
    [InlineData("workflows register triage", "--team")]
    [InlineData("workflows register --team support", "Required argument missing")]
    [InlineData("workflows register triage --team support --estimated-monthly-cost 0", "--estimated-monthly-cost must be more than 0")]
    [InlineData("workflows register triage --team support --expected-tokens-per-run lots", "lots")]
    [InlineData("workflows register triage --team support --launch-date tomorrow", "'tomorrow' is not a date")]
    [InlineData("workflows amend", "Required argument missing")]
    public void Bad_workflow_arguments_are_refused_with_a_reason(string commandLine, string reason) =>
        Assert.Contains(reason, Cli.Errors(commandLine));

    [Fact]
    public void Amend_changes_the_terms_given_and_keeps_the_others_as_the_api_returned_them()
    {
        var current = JsonSerializer.Deserialize<JsonElement>("""
            { "name": "support-triage", "ownerTeam": "support", "description": "Triage tickets", "models": ["gpt-4o-mini"],
              "valueUnit": "ticket_triaged", "estimatedMonthlyCostUsd": 1500, "expectedTokensPerRun": 12000, "expectedRunsPerDay": 400,
              "launchDate": "2026-11-01", "tokenSpikeFactor": null, "outputShiftThreshold": 0.3, "effectiveTokenSpikeFactor": 2,
              "effectiveOutputShiftThreshold": 0.3, "missing": [], "retired": false }
            """);
        var parse = Cli.Parse("workflows amend support-triage --estimated-monthly-cost 2500 --models gpt-4o");
        var command = Cli.Command<AmendWorkflowCommand>(parse);

        var body = command.Body(parse, current);

        Assert.Equal("/api/v1/workflows/support-triage", command.Path(parse));
        Assert.Equal(new WorkflowBody("support-triage", "support", "Triage tickets", null, "ticket_triaged", 2500m, 12_000, 400m, "2026-11-01", null, 0.3m),
            body with { Models = null });
        Assert.Equal(["gpt-4o"], body.Models!);
    }

    [Fact]
    public void List_asks_for_retired_workflows_only_when_told()
    {
        var all = Cli.Parse("workflows list --include-retired");
        var active = Cli.Parse("workflows list");

        Assert.Equal("/api/v1/workflows?includeRetired=true", Cli.Command<ListWorkflowsCommand>(all).Path(all));
        Assert.Equal("/api/v1/workflows", Cli.Command<ListWorkflowsCommand>(active).Path(active));
    }

    [Fact]
    public void The_workflow_table_shows_the_estimate_the_expectations_and_what_is_missing()
    {
        const string answer = """
            [ { "name": "support-triage", "ownerTeam": "support", "estimatedMonthlyCostUsd": 1500, "expectedTokensPerRun": 12000,
                "expectedRunsPerDay": 400, "valueUnit": "ticket_triaged", "missing": [], "retired": false },
              { "name": "shadow-bot", "ownerTeam": "growth", "estimatedMonthlyCostUsd": null, "expectedTokensPerRun": null,
                "expectedRunsPerDay": null, "valueUnit": "", "missing": ["estimatedMonthlyCostUsd", "expectedTokensPerRun"], "retired": true } ]
            """;
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;

        console.Write(WorkflowTable.Build(JsonSerializer.Deserialize<JsonElement>(answer)));

        var text = writer.ToString();
        Assert.Contains("$1,500.00", text);
        Assert.Contains("12,000", text);
        Assert.Contains("shadow-bot (retired)", text);
        Assert.Contains("none", text);
        Assert.Contains("learned", text);
        Assert.Contains("estimatedMonthlyCostUsd, expectedTokensPerRun", text);
    }
}
