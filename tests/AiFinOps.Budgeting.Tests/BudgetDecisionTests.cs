using AiFinOps.Budgeting.Budgets;

namespace AiFinOps.Budgeting.Tests;

public sealed class BudgetDecisionTests
{
    private static BudgetDecision Define(BudgetDraft draft, string id = "search-monthly") =>
        Budget.Decide(null, new DefineBudget(id, draft, Budgets.Now, "finance-key"));

    [Fact]
    public void Defining_a_valid_budget_starts_it_in_the_current_period_with_the_default_thresholds()
    {
        var defined = Assert.IsType<BudgetDefined>(Assert.Single(Define(Budgets.Draft()).Events));

        Assert.Equal("2026-11", defined.FirstPeriod);
        Assert.Equal([80, 100], defined.Terms.Thresholds);
        Assert.Equal(new BudgetScope(BudgetScope.Team, "search"), defined.Terms.Scope);
        Assert.Equal("finance-key", defined.DefinedBy);
    }

    [Fact]
    public void A_quarterly_budget_starts_in_the_current_quarter() =>
        Assert.Equal("2026-Q4", ((BudgetDefined)Define(Budgets.Draft(period: "quarterly")).Events[0]).FirstPeriod);

    [Theory]
    [InlineData("org", "org", null, "")]
    [InlineData("team:search", "team", null, "search")]
    [InlineData("workflow:ticket-triage", "workflow", null, "ticket-triage")]
    [InlineData("environment:prod", "environment", null, "prod")]
    [InlineData("cost-centre:CC-1001", "cost-centre", null, "CC-1001")]
    [InlineData("tag:product=chat", "tag", "product", "chat")]
    public void Every_kind_of_scope_is_understood_and_written_back_the_same(string text, string kind, string? key, string value)
    {
        var scope = BudgetScope.Parse(text, out var reason);

        Assert.Null(reason);
        Assert.Equal(new BudgetScope(kind, value, key), scope);
        Assert.Equal(text, scope!.ToString());
    }

    [Theory]
    [InlineData(null, "amountUsd")]
    [InlineData(0, "amountUsd")]
    [InlineData(-5, "amountUsd")]
    public void A_budget_without_a_positive_amount_is_rejected_naming_the_field(int? amount, string field)
    {
        var decision = Define(Budgets.Draft(amount: amount));

        Assert.False(decision.Accepted);
        Assert.Equal(field, Assert.Single(decision.Errors).Field);
    }

    [Theory]
    [InlineData(new[] { 100, 80 }, "thresholds[1]")]
    [InlineData(new[] { 80, 80 }, "thresholds[1]")]
    [InlineData(new[] { 0, 100 }, "thresholds[0]")]
    [InlineData(new[] { 80, 1001 }, "thresholds[1]")]
    [InlineData(new int[0], "thresholds")]
    public void Thresholds_must_be_ascending_percentages_from_1_to_1000(int[] thresholds, string field) =>
        Assert.Contains(Define(Budgets.Draft(thresholds: thresholds)).Errors, e => e.Field == field);

    [Fact]
    public void Thresholds_above_100_percent_are_allowed() =>
        Assert.True(Define(Budgets.Draft(thresholds: [50, 100, 150, 1000])).Accepted);

    [Theory]
    [InlineData("not an address")]
    [InlineData("a@b")]
    [InlineData("webhook:")]
    [InlineData("webhook:Has Spaces")]
    [InlineData("slack:ops")]
    public void Recipients_must_be_e_mail_addresses_or_webhook_names(string recipient) =>
        Assert.Equal("recipients[1]", Assert.Single(Define(Budgets.Draft(recipients: ["ok@example.com", recipient])).Errors).Field);

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var decision = Define(new BudgetDraft("", "galaxy:far", "weekly", -1m, [90, 10], "", ["nope"]), id: "Bad Id");

        Assert.Equal(["id", "name", "scope", "period", "amountUsd", "thresholds[1]", "owner", "recipients[0]"],
            decision.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("alerts")]
    [InlineData("accrued")]
    [InlineData("imports")]
    public void Ids_that_name_other_resources_are_not_budget_ids(string id) =>
        Assert.Equal("id", Assert.Single(Define(Budgets.Draft(), id).Errors).Field);

    [Fact]
    public void Defining_an_existing_budget_is_a_conflict() =>
        Assert.True(Budget.Decide(Budgets.Defined(), new DefineBudget("x", Budgets.Draft(), Budgets.Now, "k")).Conflict);

    [Fact]
    public void Amending_the_amount_appends_the_new_terms()
    {
        var budget = Budgets.Defined();

        var amended = Assert.IsType<BudgetAmended>(Assert.Single(Budget.Decide(budget, new AmendBudget(Budgets.Draft(amount: 50m), Budgets.Now, "k")).Events));

        Assert.Equal(50m, budget.Apply(amended).Terms.AmountUsd);
    }

    [Fact]
    public void Amending_to_the_same_terms_appends_nothing() =>
        Assert.Empty(Budget.Decide(Budgets.Defined(), new AmendBudget(Budgets.Draft(), Budgets.Now, "k")).Events);

    [Fact]
    public void A_budget_keeps_its_scope_and_period()
    {
        var decision = Budget.Decide(Budgets.Defined(), new AmendBudget(Budgets.Draft(scope: "team:other", period: "quarterly"), Budgets.Now, "k"));

        Assert.Equal(["scope", "period"], decision.Errors.Select(e => e.Field));
    }

    [Fact]
    public void An_archived_budget_cannot_be_amended_and_archiving_again_changes_nothing()
    {
        var budget = Budgets.Defined();
        var archived = budget.Apply((BudgetArchived)Budget.Decide(budget, new ArchiveBudget(Budgets.Now, "k")).Events.Single());

        Assert.True(Budget.Decide(archived, new AmendBudget(Budgets.Draft(amount: 5m), Budgets.Now, "k")).Conflict);
        Assert.Empty(Budget.Decide(archived, new ArchiveBudget(Budgets.Now, "k")).Events);
    }

    [Fact]
    public void A_team_restricted_key_sees_only_budgets_scoped_to_its_teams()
    {
        Assert.True(new BudgetScope(BudgetScope.Team, "search").VisibleTo(["search"]));
        Assert.False(new BudgetScope(BudgetScope.Team, "ads").VisibleTo(["search"]));
        Assert.False(BudgetScope.Organisation.VisibleTo(["search"]));
        Assert.True(BudgetScope.Organisation.VisibleTo([]));
    }
}
