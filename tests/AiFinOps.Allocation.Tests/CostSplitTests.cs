using AiFinOps.Allocation.SharedCosts;

namespace AiFinOps.Allocation.Tests;

public sealed class CostSplitTests
{
    [Fact]
    public void A_cent_that_cannot_be_split_evenly_goes_to_the_largest_remainder_first()
    {
        Assert.Equal([0.34m, 0.33m, 0.33m], CostSplit.Split(1.00m, [1m, 1m, 1m]));
        Assert.Equal([0.33m, 0.34m, 0.33m], CostSplit.Split(1.00m, [1m, 1.01m, 1m]));
    }

    [Fact]
    public void Parts_keep_the_scale_of_the_original_amount()
    {
        var parts = CostSplit.Split(0.0015000m, [1m, 2m]);

        Assert.Equal([0.0005000m, 0.0010000m], parts);
        Assert.All(parts, p => Assert.Equal(7, p.Scale));
    }

    [Fact]
    public void Fixed_percentages_split_exactly_and_a_zero_weight_gets_nothing()
    {
        Assert.Equal([60.00m, 40.00m, 0.00m], CostSplit.Split(100.00m, [60m, 40m, 0m]));
        Assert.Equal([3.34m, 3.33m, 3.33m], CostSplit.Split(10.00m, [33.34m, 33.33m, 33.33m]));
    }

    [Fact]
    public void Negative_amounts_such_as_corrections_split_like_positive_ones()
    {
        Assert.Equal([-0.34m, -0.33m, -0.33m], CostSplit.Split(-1.00m, [1m, 1m, 1m]));
        Assert.Equal([-4L, -3L, -3L], CostSplit.Split(-10L, [1m, 1m, 1m]));
    }

    [Fact]
    public void Whole_numbers_like_tokens_and_events_split_into_whole_numbers()
    {
        Assert.Equal([2L, 1L], CostSplit.Split(3L, [1m, 1m]));
        Assert.Equal([0L, 0L, 0L], CostSplit.Split(0L, [1m, 2m, 3m]));
    }

    [Fact]
    public void Extreme_amounts_and_weights_do_not_overflow()
    {
        var parts = CostSplit.Split(decimal.MaxValue, [decimal.MaxValue, 1m, 0.0000000001m]);
        Assert.Equal(decimal.MaxValue, parts.Sum());

        var tiny = CostSplit.Split(0.0000000000000000000000000001m, [1m, 1m]);
        Assert.Equal(0.0000000000000000000000000001m, tiny.Sum());
    }

    [Fact]
    public void Weights_must_be_positive_somewhere_and_never_negative()
    {
        Assert.Throws<ArgumentException>(() => CostSplit.Split(1m, []));
        Assert.Throws<ArgumentException>(() => CostSplit.Split(1m, [0m, 0m]));
        Assert.Throws<ArgumentException>(() => CostSplit.Split(1m, [1m, -1m]));
    }

    [Fact]
    public void On_thousands_of_random_cases_the_parts_sum_exactly_and_each_is_within_one_unit_of_its_ideal_share()
    {
        var random = new Random(20261102);
        for (var n = 0; n < 5_000; n++)
        {
            var scale = random.Next(0, 13);
            var amount = decimal.Round((decimal)(random.NextDouble() * Math.Pow(10, random.Next(0, 9))) * (random.Next(5) == 0 ? -1 : 1), scale);
            var weights = Enumerable.Range(0, random.Next(1, 12))
                .Select(_ => random.Next(4) == 0 ? 0m : decimal.Round((decimal)random.NextDouble() * random.Next(1, 10_000), random.Next(0, 6)))
                .ToList();
            if (weights.Sum() == 0) weights[0] = 1m;

            var parts = CostSplit.Split(amount, weights);

            Assert.Equal(amount, parts.Sum());
            var unit = 1m / (decimal)Math.Pow(10, amount.Scale);
            for (var i = 0; i < parts.Length; i++)
            {
                Assert.Equal(amount.Scale, parts[i].Scale);
                var ideal = amount * weights[i] / weights.Sum();
                Assert.True(Math.Abs(parts[i] - ideal) < unit, $"part {parts[i]} of {amount} is not within {unit} of its ideal {ideal}");
                if (weights[i] == 0) Assert.Equal(0m, parts[i]);
            }

            var count = random.NextInt64(-1_000_000_000, 1_000_000_000);
            Assert.Equal(count, CostSplit.Split(count, weights).Sum());
        }
    }
}
