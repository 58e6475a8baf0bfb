using AiFinOps.Allocation.Spend.GettingSpend;

namespace AiFinOps.Ingest.Tests;

public sealed class SpendQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 15, 12, 34, 56, TimeSpan.Zero);

    private static SpendQuery Valid(string? from, string? to, string? groupBy = null)
    {
        var (query, errors) = SpendQuery.Parse(from, to, groupBy, Now);
        Assert.Empty(errors);
        return Assert.IsType<SpendQuery>(query);
    }

    private static Dictionary<string, string[]> Invalid(string? from, string? to, string? groupBy = null)
    {
        var (query, errors) = SpendQuery.Parse(from, to, groupBy, Now);
        Assert.Null(query);
        Assert.NotEmpty(errors);
        return errors;
    }

    [Fact]
    public void Without_a_range_the_query_covers_this_month_so_far_grouped_by_team()
    {
        var query = Valid(null, null);

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), query.From);
        Assert.Equal(Now, query.To);
        Assert.Equal(["team"], query.GroupBy);
    }

    [Fact]
    public void Blank_parameters_mean_the_defaults()
    {
        var query = Valid(" ", "", "  ");

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), query.From);
        Assert.Equal(Now, query.To);
        Assert.Equal(["team"], query.GroupBy);
    }

    [Fact]
    public void Only_from_given_runs_until_now()
    {
        Assert.Equal(Now, Valid("2026-10-01", null).To);
    }

    [Fact]
    public void Only_to_given_starts_at_the_beginning_of_this_month()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), Valid(null, "2026-11-20").From);
    }

    [Fact]
    public void GroupBy_takes_a_comma_separated_list_trimmed_lower_cased_and_without_repeats()
    {
        var query = Valid(null, null, "team, Model ,service_tier,team");

        Assert.Equal(["team", "model", "service_tier"], query.GroupBy);
    }

    [Fact]
    public void Every_dimension_can_be_grouped_by()
    {
        var query = Valid(null, null, "team,workflow,environment,provider,model,service_tier");

        Assert.Equal(SpendQuery.Dimensions.Keys.Order(), query.GroupBy.Order());
    }

    [Fact]
    public void An_unknown_groupBy_dimension_is_rejected_naming_the_parameter_and_the_dimension()
    {
        var errors = Invalid(null, null, "team,customer");

        var error = Assert.Single(errors["groupBy"]);
        Assert.Contains("'customer' is not a dimension", error);
        Assert.Contains("team, workflow, environment, provider, model, service_tier", error);
    }

    [Fact]
    public void All_invalid_parameters_are_reported_together()
    {
        var errors = Invalid("soon", "later", "colour");

        Assert.Equal(["from", "groupBy", "to"], errors.Keys.Order());
    }

    [Theory]
    [InlineData(",")]
    [InlineData(" , ,")]
    public void A_groupBy_naming_no_dimension_never_yields_a_query_without_grouping(string groupBy)
    {
        var (query, errors) = SpendQuery.Parse(null, null, groupBy, Now);

        if (query is null) Assert.True(errors.ContainsKey("groupBy"));
        else Assert.NotEmpty(query.GroupBy);
    }
}
