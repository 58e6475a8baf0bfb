using AiFinOps.Ingest.Catalogue;
using AiFinOps.Ingest.Catalogue.Negotiating;

namespace AiFinOps.Ingest.Tests;

public sealed class DiscountEndingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static AgreedDiscount Agreed(DateOnly? until = null) => AgreedDiscount.Create(new DiscountAgreed(new NegotiatedDiscount
    {
        Id = "ea-2026",
        Provider = "anthropic",
        EffectiveFrom = new DateOnly(2026, 1, 1),
        EffectiveTo = until,
        PercentOff = 20m,
        Source = "ea",
    }, "finance", Now));

    [Fact]
    public void A_running_discount_ends_from_the_day_given()
    {
        var (ended, refusal) = DiscountDecisions.End(Agreed(), "ea-2026", new DateOnly(2026, 7, 1), "finance", Now);

        Assert.Null(refusal);
        Assert.Equal(new DiscountEnded("ea-2026", new DateOnly(2026, 7, 1), "finance", Now), ended);
        Assert.False(Agreed().Apply(ended!).Discount.InForce(new DateOnly(2026, 7, 1)));
    }

    [Fact]
    public void An_end_can_be_brought_forward_but_not_pushed_back()
    {
        var until = Agreed(new DateOnly(2026, 12, 31));

        Assert.NotNull(DiscountDecisions.End(until, "ea-2026", new DateOnly(2026, 10, 1), "finance", Now).Ended);
        Assert.Equal((null, null), DiscountDecisions.End(until, "ea-2026", new DateOnly(2026, 12, 31), "finance", Now));
        var (_, refusal) = DiscountDecisions.End(until, "ea-2026", new DateOnly(2027, 3, 1), "finance", Now);
        Assert.Equal((RefusalKind.Conflict, "endedOn"), (refusal!.Kind, refusal.Field));
    }

    [Fact]
    public void An_unknown_discount_a_missing_day_and_an_end_before_the_start_are_refused()
    {
        Assert.Equal(RefusalKind.NotFound, DiscountDecisions.End(null, "nope", new DateOnly(2026, 7, 1), "finance", Now).Refusal!.Kind);
        Assert.Equal("endedOn", DiscountDecisions.End(Agreed(), "ea-2026", null, "finance", Now).Refusal!.Field);
        var (_, early) = DiscountDecisions.End(Agreed(), "ea-2026", new DateOnly(2026, 1, 1), "finance", Now);
        Assert.Equal((RefusalKind.Invalid, "endedOn"), (early!.Kind, early.Field));
    }
}
