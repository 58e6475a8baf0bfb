using AiFinOps.Reporting.Maturity;
using AiFinOps.Reporting.Sources;

namespace AiFinOps.Reporting.Tests.Reports;

public sealed class MaturityAssessingTests
{
    private static BudgetFigures TeamBudget(string team) => new($"b-{team}", team, $"team:{team}", "2026-09", 100, 10, 10, []);

    private static RegisteredWorkflow Estimated(string name) =>
        new(name, "search", "ticket", 100m, null, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), false);

    [Fact]
    public void Without_tags_the_organisation_is_not_yet_at_inform_and_is_told_what_to_tag_and_budget()
    {
        var assessment = MaturityAssessing.Assess(new MaturityInputs(42m, ["search", "growth"], ["triage"], [], [], [], 0, null));

        Assert.Equal((MaturityAssessing.None, MaturityAssessing.Inform), (assessment.Level, assessment.NextLevel));
        Assert.Equal(2, assessment.NextSteps.Count);
        Assert.Contains(assessment.NextSteps, s => s.Contains("from 42 % to 80 %"));
        Assert.Contains(assessment.NextSteps, s => s.Contains("growth, search"));
    }

    [Fact]
    public void Tags_and_budgets_reach_inform_and_the_next_steps_are_optimises()
    {
        var assessment = MaturityAssessing.Assess(new MaturityInputs(85m, ["search"], ["triage", "faq"], [], [TeamBudget("search")], [Estimated("triage")], 0, null));

        Assert.Equal((MaturityAssessing.Inform, MaturityAssessing.Optimise), (assessment.Level, assessment.NextLevel));
        Assert.Contains(assessment.NextSteps, s => s.Contains("record its decisions"));
        Assert.Contains(assessment.NextSteps, s => s.EndsWith("for: faq"));
    }

    [Fact]
    public void Every_criterion_met_is_operate()
    {
        var assessment = MaturityAssessing.Assess(new MaturityInputs(99m, ["search"], ["triage"], ["triage"], [TeamBudget("search")], [Estimated("triage")], 3, 120m));

        Assert.Equal(MaturityAssessing.Operate, assessment.Level);
        Assert.All(assessment.Criteria, c => Assert.True(c.Met));
    }

    [Fact]
    public void A_workflow_launched_without_an_estimate_keeps_an_optimising_organisation_from_operate()
    {
        var assessment = MaturityAssessing.Assess(new MaturityInputs(99m, ["search"], ["triage", "t1", "t2", "t3", "t4"], ["new-bot"],
            [TeamBudget("search")], new[] { "triage", "t1", "t2", "t3", "t4" }.Select(Estimated).ToList(), 3, 120m));

        Assert.Equal((MaturityAssessing.Optimise, MaturityAssessing.Operate), (assessment.Level, assessment.NextLevel));
        Assert.Equal(["Register workflows with an estimate before launch: new-bot"], assessment.NextSteps);
    }
}
