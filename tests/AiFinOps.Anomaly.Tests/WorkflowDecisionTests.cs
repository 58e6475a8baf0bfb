using AiFinOps.Anomaly.Workflows;

namespace AiFinOps.Anomaly.Tests;

public sealed class WorkflowDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static WorkflowDraft Draft(string team = "support", decimal? estimate = 1500m, long? tokens = 12_000, decimal? runsPerDay = 400m,
        decimal? factor = null) =>
        new(team, "Triage incoming tickets", ["gpt-4o-mini"], "ticket_triaged", estimate, tokens, runsPerDay, new DateOnly(2026, 11, 1), factor, null);

    private static Workflow Registered(WorkflowDraft? draft = null) =>
        Workflow.Create((WorkflowRegistered)Workflow.Decide(null, new RegisterWorkflow("triage", draft ?? Draft(), Now, "admin")).Events[0]);

    [Fact]
    public void Registering_a_new_workflow_records_its_launch_checklist()
    {
        var decision = Workflow.Decide(null, new RegisterWorkflow("triage", Draft(), Now, "admin"));

        var registered = Assert.IsType<WorkflowRegistered>(Assert.Single(decision.Events));
        Assert.Equal(("triage", "support", 1500m, 12_000L), (registered.Name, registered.Terms.OwnerTeam, registered.Terms.EstimatedMonthlyCostUsd, registered.Terms.ExpectedTokensPerRun));
        Assert.Equal("workflow:triage", Workflow.Create(registered).Id);
    }

    [Fact]
    public void Only_the_owner_team_is_required_so_a_workflow_may_be_registered_without_an_estimate()
    {
        var decision = Workflow.Decide(null, new RegisterWorkflow("triage", new WorkflowDraft("support", null, null, null, null, null, null, null, null, null), Now, "admin"));

        var terms = Assert.IsType<WorkflowRegistered>(Assert.Single(decision.Events)).Terms;
        Assert.False(terms.HasEstimate);
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("has space", "name")]
    [InlineData("a/b", "name")]
    [InlineData("activity", "name")]
    [InlineData("(untagged)", "name")]
    public void A_name_that_is_not_a_usable_workflow_tag_is_refused(string name, string field)
    {
        var decision = Workflow.Decide(null, new RegisterWorkflow(name, Draft(), Now, "admin"));

        Assert.Equal([field], decision.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Every_bad_term_is_named_with_its_reason()
    {
        var draft = new WorkflowDraft(" ", null, ["gpt-4o", ""], null, 0m, -5, 0m, null, 1m, 11m);

        var decision = Workflow.Decide(null, new RegisterWorkflow("triage", draft, Now, "admin"));

        Assert.Equal(["ownerTeam", "models[1]", "estimatedMonthlyCostUsd", "expectedTokensPerRun", "expectedRunsPerDay", "tokenSpikeFactor", "outputShiftThreshold"],
            decision.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Free_text_is_bounded_so_the_registry_cannot_be_filled_with_megabytes()
    {
        Assert.Empty(Draft(team: new string('t', WorkflowDraft.MaxTextLength)).Validate().Errors);
        var draft = Draft(team: new string('t', WorkflowDraft.MaxTextLength + 1)) with
        {
            Description = new string('d', WorkflowDraft.MaxDescriptionLength + 1),
            ValueUnit = "unit\u0000",
            Models = [.. Enumerable.Repeat("gpt-4o", WorkflowDraft.MaxModels), new string('m', 300)],
        };

        var errors = draft.Validate().Errors;

        Assert.Equal(["ownerTeam", "description", "valueUnit", "models", $"models[{WorkflowDraft.MaxModels}]"], errors.Select(e => e.Field));
        Assert.Contains("at most 4000", errors[1].Reason);
        Assert.Empty((Draft() with { Description = "line one\nline two" }).Validate().Errors);
    }

    [Fact]
    public void Registering_an_active_workflow_again_is_a_conflict_but_a_retired_one_comes_back()
    {
        var active = Registered();
        var retired = active.Apply(new WorkflowRetired("triage", Now, "admin"));

        Assert.True(Workflow.Decide(active, new RegisterWorkflow("triage", Draft(), Now, "admin")).Conflict);
        var again = Assert.IsType<WorkflowRegistered>(Assert.Single(Workflow.Decide(retired, new RegisterWorkflow("triage", Draft(estimate: 10m), Now, "admin")).Events));
        Assert.False(retired.Apply(again).Retired);
        Assert.Equal(10m, retired.Apply(again).Terms.EstimatedMonthlyCostUsd);
    }

    [Fact]
    public void Amending_replaces_the_terms_and_the_same_terms_append_nothing()
    {
        var workflow = Registered();

        var amended = Assert.IsType<WorkflowAmended>(Assert.Single(Workflow.Decide(workflow, new AmendWorkflow(Draft(estimate: 2000m), Now, "admin")).Events));
        Assert.Equal(2000m, workflow.Apply(amended).Terms.EstimatedMonthlyCostUsd);
        Assert.Empty(Workflow.Decide(workflow, new AmendWorkflow(Draft(), Now, "admin")).Events);
    }

    [Fact]
    public void A_retired_workflow_cannot_be_amended_and_retiring_twice_is_a_no_op()
    {
        var retired = Registered().Apply(new WorkflowRetired("triage", Now, "admin"));

        Assert.True(Workflow.Decide(retired, new AmendWorkflow(Draft(), Now, "admin")).Conflict);
        Assert.Empty(Workflow.Decide(retired, new RetireWorkflow(Now, "admin")).Events);
        Assert.IsType<WorkflowRetired>(Assert.Single(Workflow.Decide(Registered(), new RetireWorkflow(Now, "admin")).Events));
    }
}
