using AiFinOps.Allocation.Focus;

namespace AiFinOps.Allocation.Tests.Focus;

public sealed class CostSharesTests
{
    [Fact]
    public void Known_parts_that_explain_the_total_are_the_shares()
    {
        Assert.Equal([0.1m, 0.2m, 0m], CostShares.Split(0.3m, [0.1m, 0.2m, 0m], [1m, 1m, 1m])!);
    }

    [Fact]
    public void What_the_parts_do_not_explain_is_spread_in_proportion_and_the_last_share_takes_the_remainder()
    {
        var shares = CostShares.Split(1m, [0m, 0m, 0m], [1m, 1m, 1m])!;

        Assert.Equal([0.333333333333333333m, 0.333333333333333333m, 0.333333333333333334m], shares);
        Assert.Equal(1m, shares.Sum());
    }

    [Fact]
    public void The_first_weights_that_are_not_all_zero_are_used()
    {
        Assert.Equal([0m, 3m, 1m], CostShares.Split(4m, [0m, 0m, 0m], [0m, 0m, 0m], [0m, 3m, 1m])!);
    }

    [Fact]
    public void Nothing_to_spread_over_is_null()
    {
        Assert.Null(CostShares.Split(4m, [0m, 0m], [0m, 0m]));
    }

    [Fact]
    public void A_negative_difference_is_spread_like_a_positive_one()
    {
        Assert.Equal([0.9m, 2.7m], CostShares.Split(3.6m, [1m, 3m], [1m, 3m])!);
    }
}
