using AiFinOps.Anomaly.Detections.Unregistered;
using AiFinOps.Anomaly.Workflows;

namespace AiFinOps.Anomaly.Tests.Detections;

public sealed class UnregisteredRuleTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 14, 9, 30, 0, TimeSpan.Zero);

    private static Workflow Registered(decimal? estimate, bool retired = false) =>
        new("workflow:triage", "triage", new WorkflowTerms("support", "", [], "", estimate, null, null, null, null, null), At, At, retired);

    private static UnregisteredWorkflowSeen? Decide(Workflow? registration, string? lastMonth = null, string workflow = "triage") =>
        UnregisteredWorkflows.Decide(workflow, registration, lastMonth, "2026-11", At, "support", 12, 3.5m);

    [Fact]
    public void Spend_from_a_workflow_not_in_the_registry_is_reported_with_what_it_spent()
    {
        var seen = Decide(null)!;

        Assert.Equal((UnregisteredWorkflowSeen.NotRegistered, "2026-11", 12L, 3.5m), (seen.Reason, seen.Month, seen.CallsThisMonth, seen.SpentThisMonthUsd));
        Assert.Equal("triage spends but is not registered", seen.Title());
        Assert.Contains("12 calls costing $3.50 in 2026-11", seen.Explanation());
    }

    [Fact]
    public void A_registration_without_an_estimate_or_a_retired_one_is_off_the_checklist_too()
    {
        Assert.Equal(UnregisteredWorkflowSeen.NoEstimate, Decide(Registered(null))!.Reason);
        Assert.Equal(UnregisteredWorkflowSeen.Retired, Decide(Registered(100m, retired: true))!.Reason);
        Assert.Null(Decide(Registered(100m)));
    }

    [Fact]
    public void It_is_reported_once_a_month()
    {
        Assert.Null(Decide(null, lastMonth: "2026-11"));
        Assert.NotNull(Decide(null, lastMonth: "2026-10"));
    }

    [Fact]
    public void Untagged_usage_is_a_tagging_problem_not_an_unregistered_workflow() =>
        Assert.Null(Decide(null, workflow: Contracts.Messages.UsageDimensions.Untagged));
}
