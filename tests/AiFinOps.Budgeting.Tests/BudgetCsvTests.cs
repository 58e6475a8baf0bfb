using AiFinOps.Budgeting.Budgets.ImportingBudgets;

namespace AiFinOps.Budgeting.Tests;

public sealed class BudgetCsvTests
{
    [Fact]
    public void Rows_keep_their_line_numbers_and_quoted_fields()
    {
        var (rows, errors) = BudgetCsv.Parse("""
            id,name,scope,period,amountUsd,thresholds,owner,recipients
            search,"Search, all envs",team:search,monthly,2500.50,50;80;100,lead@example.com,a@example.com;webhook:ops

            ,Org,org,quarterly,10000,,cfo@example.com,
            """);

        Assert.Empty(errors);
        Assert.Equal([2, 4], rows.Select(r => r.Line));
        Assert.Equal("Search, all envs", rows[0].Draft.Name);
        Assert.Equal([50, 80, 100], rows[0].Draft.Thresholds);
        Assert.Equal(["a@example.com", "webhook:ops"], rows[0].Draft.Recipients);
        Assert.Equal(2500.50m, rows[0].Draft.AmountUsd);
        Assert.Null(rows[1].Id);
        Assert.Null(rows[1].Draft.Thresholds);
    }

    [Fact]
    public void Malformed_numbers_are_errors_of_their_row_and_field()
    {
        var (rows, _) = BudgetCsv.Parse("name,scope,period,amountUsd,thresholds,owner\nA,org,monthly,lots,80;x,me\n");

        Assert.Equal(["amountUsd", "thresholds"], rows.Single().Errors.Select(e => e.Field));
        Assert.Equal(2, rows.Single().Line);
    }

    [Fact]
    public void A_header_without_required_columns_or_with_unknown_ones_is_rejected()
    {
        var (_, errors) = BudgetCsv.Parse("name,scope,colour\nA,org,blue\n");

        Assert.Contains(errors, e => e.Reason.Contains("'colour'"));
        Assert.Contains(errors, e => e.Reason.Contains("'amountUsd' is missing"));
    }
}
