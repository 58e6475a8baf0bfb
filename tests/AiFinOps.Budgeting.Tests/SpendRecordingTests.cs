using AiFinOps.Budgeting.Spend;
using AiFinOps.Budgeting.Spend.RecordingSpend;

namespace AiFinOps.Budgeting.Tests;

public sealed class SpendRecordingTests
{
    [Fact]
    public void Usages_whose_stream_already_exists_are_not_accrued_again()
    {
        var known = Usages.Priced("search", 1m, 1m);
        var fresh = Usages.Priced("search", 2m, 2m);

        var accruals = SpendRecording.NewAccruals([known, fresh], new HashSet<string> { SpendAccrued.StreamKey(known.EventId) });

        Assert.Equal([fresh.EventId], accruals.Select(a => a.EventId));
    }

    [Fact]
    public void An_event_repeated_within_one_batch_accrues_once()
    {
        var usage = Usages.Priced("search", 1m, 1m);

        Assert.Single(SpendRecording.NewAccruals([usage, usage], new HashSet<string>()));
    }

    [Fact]
    public void Unpriced_usage_accrues_without_a_cost()
    {
        var accrued = SpendRecording.Accrual(Usages.Unpriced("search"));

        Assert.Null(accrued.ListCostUsd);
        Assert.Null(accrued.EffectiveCostUsd);
        Assert.Equal(1_000, accrued.InputTokens);
    }
}
