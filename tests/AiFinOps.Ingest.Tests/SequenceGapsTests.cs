using AiFinOps.Ingest.Catalogue.PublishingChanges;

namespace AiFinOps.Ingest.Tests;

public sealed class SequenceGapsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private readonly SequenceGaps gaps = new(TimeSpan.FromSeconds(10));

    [Fact]
    public void Consecutive_sequences_are_all_publishable() =>
        Assert.Equal(3, gaps.Publishable(10, [11, 12, 13], Now));

    [Fact]
    public void Publishing_stops_before_a_missing_sequence_that_may_still_commit()
    {
        Assert.Equal(1, gaps.Publishable(10, [11, 13, 14], Now));
        Assert.Equal(0, gaps.Publishable(11, [13, 14], Now.AddSeconds(5)));
    }

    [Fact]
    public void A_missing_sequence_that_stays_missing_is_stepped_over_after_the_patience()
    {
        Assert.Equal(0, gaps.Publishable(11, [13, 14], Now));

        Assert.Equal(2, gaps.Publishable(11, [13, 14], Now.AddSeconds(10)));
    }

    [Fact]
    public void A_gap_that_fills_in_is_published_in_order()
    {
        Assert.Equal(0, gaps.Publishable(11, [13], Now));

        Assert.Equal(2, gaps.Publishable(11, [12, 13], Now.AddSeconds(1)));
    }

    [Fact]
    public void Each_new_gap_gets_its_own_patience()
    {
        Assert.Equal(0, gaps.Publishable(11, [13, 15], Now));

        Assert.Equal(1, gaps.Publishable(11, [13, 15], Now.AddSeconds(10)));
        // 13 was published: the publisher now reads after it.
        Assert.Equal(0, gaps.Publishable(13, [15], Now.AddSeconds(15)));
        Assert.Equal(1, gaps.Publishable(13, [15], Now.AddSeconds(20)));
    }

    [Fact]
    public void Nothing_read_means_nothing_to_publish() =>
        Assert.Equal(0, gaps.Publishable(11, [], Now));
}
