using AiFinOps.Ingest.Recording.SpendMetrics;

namespace AiFinOps.Ingest.Tests.SpendMetrics;

public sealed class AttributeValueLimitTests
{
    [Fact]
    public void The_first_values_up_to_the_limit_pass_and_later_ones_fold_into_other()
    {
        var limit = new AttributeValueLimit(2);

        Assert.Equal("search", limit.Fold("search"));
        Assert.Equal("billing", limit.Fold("billing"));
        Assert.Equal(AttributeValueLimit.Other, limit.Fold("support"));
        Assert.Equal(AttributeValueLimit.Other, limit.Fold("legal"));
    }

    [Fact]
    public void An_admitted_value_stays_admitted_after_the_limit_is_reached()
    {
        var limit = new AttributeValueLimit(2);
        limit.Fold("search");
        limit.Fold("billing");
        limit.Fold("support");

        Assert.Equal("search", limit.Fold("search"));
        Assert.Equal("billing", limit.Fold("billing"));
        Assert.Equal(AttributeValueLimit.Other, limit.Fold("support"));
    }

    [Fact]
    public void Values_are_compared_exactly_so_a_repeat_takes_no_room()
    {
        var limit = new AttributeValueLimit(2);
        limit.Fold("search");
        limit.Fold("search");

        Assert.Equal("Search", limit.Fold("Search"));
        Assert.Equal(AttributeValueLimit.Other, limit.Fold("billing"));
    }

    [Fact]
    public void A_limit_of_zero_folds_everything()
    {
        Assert.Equal(AttributeValueLimit.Other, new AttributeValueLimit(0).Fold("search"));
    }

    [Fact]
    public void Concurrent_callers_never_admit_more_than_the_limit()
    {
        var limit = new AttributeValueLimit(10);

        var admitted = Enumerable.Range(0, 1_000).AsParallel().Select(i => limit.Fold("team-" + i))
            .Where(v => v != AttributeValueLimit.Other).Distinct().Count();

        Assert.Equal(10, admitted);
    }
}
