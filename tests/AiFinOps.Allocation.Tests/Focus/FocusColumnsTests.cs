using AiFinOps.Allocation.Focus;

namespace AiFinOps.Allocation.Tests.Focus;

public sealed class FocusColumnsTests
{
    private static readonly IReadOnlyList<FocusColumn> Columns = FocusColumns.For(["product", "customer_tier"]);

    private static FocusType TypeOf(string specType) => specType switch
    {
        "Decimal" => FocusType.Decimal,
        "Date/Time" => FocusType.DateTime,
        "JSON" => FocusType.Json,
        "String" => FocusType.String,
        _ => FocusType.String, // "JSON Description" (SkuPriceDetails) is not exported
    };

    [Fact]
    public void Every_mandatory_column_of_focus_1_2_is_exported_with_its_type_and_nullability()
    {
        var mandatory = FocusSpec.Columns.Where(c => c.Level == "Mandatory").ToList();
        Assert.Equal(21, mandatory.Count);

        foreach (var spec in mandatory)
        {
            var column = Assert.Single(Columns, c => c.Name == spec.Name);
            Assert.Equal(TypeOf(spec.Type), column.Type);
            Assert.Equal(spec.NullsAllowed, column.Nullable);
        }
    }

    [Fact]
    public void Every_other_focus_column_exported_has_the_type_and_nullability_of_the_spec()
    {
        var spec = FocusSpec.Columns.ToDictionary(c => c.Name);
        foreach (var column in Columns.Where(c => !c.Name.StartsWith("x_", StringComparison.Ordinal)))
        {
            Assert.True(spec.TryGetValue(column.Name, out var expected), $"{column.Name} is not a FOCUS 1.2 column; custom columns start with x_");
            Assert.Equal(TypeOf(expected.Type), column.Type);
            Assert.Equal(expected.NullsAllowed, column.Nullable);
        }
    }

    [Fact]
    public void The_conditional_and_recommended_columns_that_apply_to_ai_usage_are_there()
    {
        Assert.Superset(
            new HashSet<string>(["ChargeFrequency", "ServiceSubcategory", "ConsumedQuantity", "ConsumedUnit", "ContractedUnitPrice",
                "ListUnitPrice", "PricingCategory", "RegionId", "RegionName", "SkuId", "SkuMeter", "SubAccountId", "SubAccountName", "Tags"]),
            Columns.Select(c => c.Name).ToHashSet());
    }

    [Fact]
    public void Custom_columns_name_the_usage_dimensions_and_each_configured_extra_dimension()
    {
        Assert.Equal(["x_Provider", "x_Model", "x_ServiceTier", "x_TokenType", "x_Team", "x_Workflow", "x_Environment", "x_CostCentreTag",
            "x_Product", "x_CustomerTier"], Columns.Where(c => c.Name.StartsWith("x_", StringComparison.Ordinal)).Select(c => c.Name));
        Assert.DoesNotContain(Columns, c => c.Name.Contains("Run", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(Columns.Count, Columns.Select(c => c.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void An_extra_dimension_that_would_take_a_built_in_name_gets_a_tag_prefix()
    {
        var columns = FocusColumns.For(["model", "cost-centre"]);

        Assert.Contains(columns, c => c.Name == "x_Tag_model");
        Assert.Contains(columns, c => c.Name == "x_CostCentre");
    }

    [Fact]
    public void The_run_id_is_a_column_of_the_run_detail_only()
    {
        Assert.DoesNotContain(Columns, c => c.Name == "x_RunId");
        var runs = FocusColumns.For(["product"], FocusDetail.Run);
        var run = Assert.Single(runs, c => c.Name == "x_RunId");
        Assert.True(run.Nullable);
        Assert.Equal(FocusType.String, run.Type);
    }

    [Theory]
    [InlineData(null, "charge")]
    [InlineData("", "charge")]
    [InlineData("Run", "run")]
    [InlineData(" charge ", "charge")]
    public void The_level_of_detail_defaults_to_charge_and_reads_either_name(string? asked, string chosen) =>
        Assert.Equal((chosen, null), FocusDetail.Choose(asked));

    [Fact]
    public void An_unknown_level_of_detail_is_an_error_naming_the_choices()
    {
        var (detail, error) = FocusDetail.Choose("call");
        Assert.Null(detail);
        Assert.Contains("charge or run", error);
    }
}
