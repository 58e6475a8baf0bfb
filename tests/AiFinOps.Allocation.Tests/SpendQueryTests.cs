using AiFinOps.Allocation.Spend.GettingSpend;
using Microsoft.AspNetCore.WebUtilities;

namespace AiFinOps.Allocation.Tests;

public sealed class SpendQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 15, 12, 34, 56, TimeSpan.Zero);
    private static readonly DateTimeOffset StartOfMonth = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private const string BuiltInDimensions =
        "team, workflow, environment, provider, model, service_tier, cost_centre_tag, billing_period, charge_class";

    /// <summary>Parses a query string the way the spend endpoint does: named parameters bound by name, every parameter offered as a filter.</summary>
    private static (SpendQuery? Query, Dictionary<string, string[]> Errors) Parse(string queryString, params string[] extraDimensions)
    {
        var parameters = QueryHelpers.ParseQuery(queryString);
        string? Named(string name) => parameters.TryGetValue(name, out var value) ? value.ToString() : null;
        return SpendQuery.Parse(Named("from"), Named("to"), Named("groupBy"), Named("granularity"),
            parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString())), extraDimensions, Now);
    }

    private static SpendQuery Valid(string queryString, params string[] extraDimensions)
    {
        var (query, errors) = Parse(queryString, extraDimensions);
        Assert.Empty(errors);
        return Assert.IsType<SpendQuery>(query);
    }

    private static Dictionary<string, string[]> Invalid(string queryString, params string[] extraDimensions)
    {
        var (query, errors) = Parse(queryString, extraDimensions);
        Assert.Null(query);
        Assert.NotEmpty(errors);
        return errors;
    }

    [Fact]
    public void Without_parameters_the_query_is_this_month_so_far_per_team_unfiltered_and_without_granularity()
    {
        var query = Valid("");

        Assert.Equal(StartOfMonth, query.From);
        Assert.Equal(Now, query.To);
        Assert.Equal(["team"], query.GroupBy);
        Assert.Empty(query.Filters);
        Assert.Null(query.Granularity);
    }

    [Fact]
    public void Blank_parameters_mean_the_defaults()
    {
        var query = Valid("?from=%20&to=&groupBy=%20%20&granularity=%20");

        Assert.Equal((StartOfMonth, Now), (query.From, query.To));
        Assert.Equal(["team"], query.GroupBy);
        Assert.Empty(query.Filters);
        Assert.Null(query.Granularity);
    }

    [Fact]
    public void Only_from_given_runs_until_now()
    {
        var query = Valid("?from=2026-10-01");

        Assert.Equal((new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), Now), (query.From, query.To));
    }

    [Fact]
    public void Only_to_given_starts_at_the_beginning_of_this_month()
    {
        Assert.Equal(StartOfMonth, Valid("?to=2026-11-20").From);
    }

    [Fact]
    public void Dates_cover_whole_UTC_days_with_both_ends_included()
    {
        var query = Valid("?from=2026-10-01&to=2026-10-31");

        Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), query.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), query.To);
    }

    [Fact]
    public void Instants_are_read_with_their_offset_and_kept_in_UTC()
    {
        var query = Valid("?from=2026-10-01T12:30:00Z&to=2026-10-02T02:00:00%2B02:00");

        Assert.Equal(new DateTimeOffset(2026, 10, 1, 12, 30, 0, TimeSpan.Zero), query.From);
        Assert.Equal(new DateTimeOffset(2026, 10, 2, 0, 0, 0, TimeSpan.Zero), query.To);
    }

    [Fact]
    public void A_range_ending_before_it_starts_is_rejected_on_to()
    {
        var errors = Invalid("?from=2026-11-10&to=2026-11-01");

        Assert.Equal(["to"], errors.Keys);
    }

    [Fact]
    public void GroupBy_takes_a_comma_separated_list_trimmed_lower_cased_and_without_repeats()
    {
        Assert.Equal(["team", "model", "service_tier"], Valid("?groupBy=team, Model ,service_tier,team").GroupBy);
    }

    [Fact]
    public void Every_built_in_dimension_can_be_grouped_by()
    {
        var query = Valid($"?groupBy={BuiltInDimensions.Replace(" ", "")}");

        Assert.Equal(SpendQuery.BuiltIn.Keys, query.GroupBy);
        Assert.Contains("billing_period", query.GroupBy);
        Assert.Contains("charge_class", query.GroupBy);
        Assert.Contains("cost_centre_tag", query.GroupBy);
    }

    [Theory]
    [InlineData(",")]
    [InlineData(" , ,")]
    public void A_groupBy_naming_no_dimension_groups_by_team(string groupBy)
    {
        Assert.Equal(["team"], Valid($"?groupBy={Uri.EscapeDataString(groupBy)}").GroupBy);
    }

    [Fact]
    public void Configured_extra_dimensions_can_be_grouped_by()
    {
        Assert.Equal(["team", "product", "customer"], Valid("?groupBy=team,product,customer", "product", "customer").GroupBy);
    }

    [Fact]
    public void The_dimensions_are_the_built_in_ones_then_the_extra_ones()
    {
        Assert.Equal([.. SpendQuery.BuiltIn.Keys, "product"], SpendQuery.DimensionsWith(["product"]));
    }

    [Fact]
    public void An_unknown_groupBy_dimension_is_rejected_naming_it_and_every_dimension_there_is()
    {
        var errors = Invalid("?groupBy=team,colour", "product");

        Assert.Equal(["groupBy"], errors.Keys);
        Assert.Equal($"'colour' is not a dimension; use any of: {BuiltInDimensions}, product", Assert.Single(errors["groupBy"]));
    }

    [Fact]
    public void A_tag_key_that_is_not_a_configured_extra_dimension_cannot_be_grouped_by()
    {
        Assert.Contains("'product' is not a dimension", Assert.Single(Invalid("?groupBy=product")["groupBy"]));
    }

    [Theory]
    [InlineData("day", "day")]
    [InlineData("week", "week")]
    [InlineData("month", "month")]
    [InlineData("Week", "week")]
    [InlineData(" MONTH ", "month")]
    public void The_granularity_is_day_week_or_month_in_any_case(string granularity, string expected)
    {
        Assert.Equal(expected, Valid($"?granularity={Uri.EscapeDataString(granularity)}").Granularity);
    }

    [Theory]
    [InlineData("hour")]
    [InlineData("quarter")]
    [InlineData("days")]
    public void Any_other_granularity_is_rejected(string granularity)
    {
        var errors = Invalid($"?granularity={granularity}");

        Assert.Equal(["granularity"], errors.Keys);
        Assert.Equal($"'{granularity}' is not a granularity; use day, week or month", Assert.Single(errors["granularity"]));
    }

    [Fact]
    public void A_dimension_given_as_a_parameter_filters_by_its_comma_separated_values()
    {
        var query = Valid("?team=search,growth");

        Assert.Equal(["team"], query.Filters.Keys);
        Assert.Equal(["search", "growth"], query.Filters["team"]);
    }

    [Fact]
    public void Filter_values_are_trimmed_and_empty_ones_dropped()
    {
        Assert.Equal(["search", "growth"], Valid("?team=%20search%20,,growth%20,").Filters["team"]);
    }

    [Fact]
    public void A_repeated_filter_parameter_accepts_the_values_of_each()
    {
        Assert.Equal(["search", "growth"], Valid("?team=search&team=growth").Filters["team"]);
    }

    [Fact]
    public void Several_dimensions_filter_together()
    {
        var query = Valid("?team=search&environment=prod&billing_period=2026-10&charge_class=Correction&service_tier=batch");

        Assert.Equal(["billing_period", "charge_class", "environment", "service_tier", "team"], query.Filters.Keys.Order());
        Assert.Equal(["Correction"], query.Filters["charge_class"]);
        Assert.Equal(["2026-10"], query.Filters["billing_period"]);
    }

    [Fact]
    public void A_configured_extra_dimension_filters_too()
    {
        Assert.Equal(["helpdesk"], Valid("?product=helpdesk", "product").Filters["product"]);
    }

    [Fact]
    public void A_blank_filter_filters_nothing()
    {
        Assert.Empty(Valid("?team=&environment=%20").Filters);
    }

    [Fact]
    public void The_named_parameters_are_never_filters_whatever_their_case()
    {
        var query = Valid("?FROM=2026-11-02&To=2026-11-03&GroupBy=model&GRANULARITY=day");

        Assert.Empty(query.Filters);
        Assert.Equal(["model"], query.GroupBy);
        Assert.Equal("day", query.Granularity);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), query.From);
    }

    [Fact]
    public void An_unknown_parameter_is_rejected_naming_the_parameters_and_dimensions_there_are()
    {
        var errors = Invalid("?colour=red");

        Assert.Equal(["colour"], errors.Keys);
        Assert.Equal(
            $"'colour' is neither a parameter (from, to, groupBy, granularity) nor a dimension to filter by ({BuiltInDimensions})",
            Assert.Single(errors["colour"]));
    }

    [Theory]
    [InlineData("?tema=search")]
    [InlineData("?tema=")]
    [InlineData("?group_by=model")]
    public void A_misspelt_parameter_is_rejected_rather_than_ignored(string queryString)
    {
        Assert.Single(Invalid(queryString));
    }

    [Fact]
    public void A_tag_key_that_is_not_a_configured_extra_dimension_cannot_filter()
    {
        Assert.Equal(["product"], Invalid("?product=helpdesk", "customer").Keys);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = Invalid("?from=soon&to=later&groupBy=colour&granularity=hour&size=xl&shape=round&team=search");

        Assert.Equal(["from", "granularity", "groupBy", "shape", "size", "to"], errors.Keys.Order());
        Assert.All(errors.Values, messages => Assert.Single(messages));
    }
}
