using AiFinOps.Allocation.Chargeback.GettingStatements;
using AiFinOps.Allocation.Periods;

namespace AiFinOps.Allocation.Tests;

public sealed class ChargebackQueryTests
{
    private static ChargebackQuery Valid(string? groupBy = null, string? format = null, string? accept = null, params string[] parameters)
    {
        var (query, errors) = ChargebackQuery.Parse("2026-11", groupBy, format, accept, parameters);
        Assert.Empty(errors);
        return Assert.IsType<ChargebackQuery>(query);
    }

    private static Dictionary<string, string[]> Invalid(string? period = "2026-11", string? groupBy = null, string? format = null, params string[] parameters)
    {
        var (query, errors) = ChargebackQuery.Parse(period, groupBy, format, null, parameters);
        Assert.Null(query);
        return errors;
    }

    [Fact]
    public void By_default_the_statement_is_per_cost_centre_as_json()
    {
        var query = Valid();

        Assert.Equal((new BillingPeriod(2026, 11), "json"), (query.Period, query.Format));
        Assert.Equal(["cost_centre"], query.GroupBy);
    }

    [Fact]
    public void Group_by_takes_a_comma_list_of_dimensions_in_any_case_without_repeats()
    {
        Assert.Equal(["team", "workflow", "model"], Valid(" Team, workflow,,team ,MODEL").GroupBy);
    }

    [Fact]
    public void Csv_is_asked_with_the_format_parameter_or_the_accept_header_and_the_parameter_wins()
    {
        Assert.Equal("csv", Valid(format: "CSV").Format);
        Assert.Equal("csv", Valid(accept: "text/csv").Format);
        Assert.Equal("csv", Valid(accept: "application/json;q=0.5, text/csv").Format);
        Assert.Equal("json", Valid(format: "json", accept: "text/csv").Format);
        Assert.Equal("json", Valid(accept: "application/json").Format);
    }

    [Fact]
    public void Every_bad_parameter_is_named_with_its_reason()
    {
        var errors = Invalid("2026-13", "team,region", "xml", "groupBy", "teams");

        Assert.Equal(["'2026-13' is not a billing period like 2026-10 (yyyy-MM)"], errors["period"]);
        Assert.Equal(["'region' cannot group a statement; use any of: cost_centre, team, workflow, environment, provider, model"], errors["groupBy"]);
        Assert.Equal(["'xml' is not a format; use json or csv"], errors["format"]);
        Assert.Equal(["'teams' is not a parameter of the statement; use groupBy or format"], errors["teams"]);
        Assert.False(errors.ContainsKey("groupBy") && errors["groupBy"].Length > 1);
    }

    [Theory]
    [InlineData("2026-1")]
    [InlineData("november")]
    [InlineData("1999-12")]
    [InlineData("")]
    public void Only_a_yyyy_mm_period_is_a_billing_period(string period) =>
        Assert.True(Invalid(period).ContainsKey("period"));
}
