using AiFinOps.Web.Exploring;

namespace AiFinOps.Web.Tests;

public sealed class ExploreFilterTests
{
    [Fact]
    public void A_shared_link_reads_back_as_the_same_view()
    {
        var filter = new ExploreFilter(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 15), "search", "ticket triage", null, null);

        var (read, problems) = ExploreFilter.Parse(filter.ToQueryString());

        Assert.Equal(filter, read);
        Assert.Empty(problems);
        Assert.Equal("?team=search&workflow=ticket%20triage&from=2026-11-01&to=2026-11-15", filter.ToQueryString());
    }

    [Fact]
    public void The_breakdown_groups_by_the_first_dimension_not_chosen_down_team_workflow_model_environment()
    {
        Assert.Equal("team", ExploreFilter.Everything.Level);
        Assert.Equal("workflow", (ExploreFilter.Everything with { Team = "search" }).Level);
        Assert.Equal("model", (ExploreFilter.Everything with { Team = "search", Workflow = "triage" }).Level);
        Assert.Equal("environment", (ExploreFilter.Everything with { Team = "search", Workflow = "triage", Model = "gpt-4o" }).Level);
        Assert.Equal("environment", new ExploreFilter(null, null, "search", "triage", "gpt-4o", "prod").Level);
        // A link straight to a workflow (from the overview) breaks it down by the first dimension still open: team.
        Assert.Equal("team", (ExploreFilter.Everything with { Workflow = "triage" }).Level);
    }

    [Fact]
    public void Going_back_up_the_path_releases_the_dimension_and_every_deeper_choice_but_keeps_the_range()
    {
        var deep = new ExploreFilter(new DateOnly(2026, 11, 1), null, "search", "triage", "gpt-4o", "prod");

        Assert.Equal(new ExploreFilter(new DateOnly(2026, 11, 1), null, "search", null, null, null), deep.UpTo("workflow"));
        Assert.Equal(deep with { Team = null, Workflow = null, Model = null, Environment = null }, deep.UpTo("team"));
        Assert.Equal(deep with { Model = "claude" }, deep.UpTo("model").With("model", "claude") with { Environment = "prod" });
    }

    [Fact]
    public void The_spend_query_carries_the_grouping_the_granularity_and_every_filter()
    {
        var filter = new ExploreFilter(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), "search & rescue", null, null, null);

        Assert.Equal("?groupBy=workflow&granularity=day&team=search%20%26%20rescue&from=2026-11-01&to=2026-11-30",
            filter.ToSpendQuery(filter.Level, "day"));
        Assert.Equal("?groupBy=team", ExploreFilter.Everything.ToSpendQuery("team"));
        Assert.Equal("", ExploreFilter.Everything.ToQueryString());
    }

    [Fact]
    public void Unreadable_or_reversed_dates_are_reported_and_left_out_never_guessed()
    {
        var (filter, problems) = ExploreFilter.Parse("?team=search&from=1st%20of%20November&to=2026-11-30");
        Assert.Equal(new ExploreFilter(null, new DateOnly(2026, 11, 30), "search", null, null, null), filter);
        Assert.Contains(problems, p => p.Contains("'from'") && p.Contains("1st of November"));

        var (reversed, why) = ExploreFilter.Parse("?from=2026-11-30&to=2026-11-01");
        Assert.Equal(ExploreFilter.Everything, reversed);
        Assert.Single(why);
    }

    [Fact]
    public void Blank_parameters_choose_nothing()
    {
        var (filter, problems) = ExploreFilter.Parse("?team=&workflow=%20&model=gpt-4o");

        Assert.Equal(ExploreFilter.Everything with { Model = "gpt-4o" }, filter);
        Assert.Empty(problems);
    }

    [Fact]
    public void Without_dates_the_inputs_show_this_month_so_far_and_chosen_dates_as_chosen()
    {
        var today = new DateOnly(2026, 11, 30);

        Assert.Equal((new DateOnly(2026, 11, 1), today), ExploreFilter.Everything.ShownRange(today));
        Assert.Equal((new DateOnly(2026, 10, 3), new DateOnly(2026, 10, 9)),
            (ExploreFilter.Everything with { From = new DateOnly(2026, 10, 3), To = new DateOnly(2026, 10, 9) }).ShownRange(today));
        Assert.Null((ExploreFilter.Everything with { From = new DateOnly(2026, 10, 3) }).ShownRange(today));
    }
}
