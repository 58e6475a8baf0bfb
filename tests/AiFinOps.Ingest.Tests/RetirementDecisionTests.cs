using AiFinOps.Ingest.Catalogue;
using static AiFinOps.Ingest.Tests.Prices;

namespace AiFinOps.Ingest.Tests;

public sealed class RetirementDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly ModelPriceHistory Gpt4oHistory = ModelPriceHistory.Create(new PriceSet(Gpt4o, "ops", Now));

    [Fact]
    public void A_priced_model_is_retired_from_a_day_on()
    {
        var (retired, refusal) = CatalogueDecisions.Retire(Gpt4oHistory, "openai", "gpt-4o", new DateOnly(2026, 3, 1), "ops", Now);

        Assert.Null(refusal);
        Assert.Equal(new ModelRetired("openai", "gpt-4o", new DateOnly(2026, 3, 1), "ops", Now), retired);
    }

    [Fact]
    public void Retiring_again_on_the_same_day_changes_nothing_and_on_another_day_is_a_conflict()
    {
        var retired = Gpt4oHistory.Apply(new ModelRetired("openai", "gpt-4o", new DateOnly(2026, 3, 1), "ops", Now));

        Assert.Equal((null, null), CatalogueDecisions.Retire(retired, "openai", "gpt-4o", new DateOnly(2026, 3, 1), "ops", Now));
        var (_, refusal) = CatalogueDecisions.Retire(retired, "openai", "gpt-4o", new DateOnly(2026, 4, 1), "ops", Now);
        Assert.Equal((RefusalKind.Conflict, "retiredOn"), (refusal!.Kind, refusal.Field));
    }

    [Fact]
    public void An_unknown_model_a_missing_day_and_a_day_before_the_first_price_are_refused()
    {
        Assert.Equal(RefusalKind.NotFound, CatalogueDecisions.Retire(null, "acme", "x", new DateOnly(2026, 3, 1), "ops", Now).Refusal!.Kind);
        Assert.Equal("retiredOn", CatalogueDecisions.Retire(Gpt4oHistory, "openai", "gpt-4o", null, "ops", Now).Refusal!.Field);
        var (_, early) = CatalogueDecisions.Retire(Gpt4oHistory, "openai", "gpt-4o", new DateOnly(2024, 1, 1), "ops", Now);
        Assert.Equal((RefusalKind.Invalid, "retiredOn"), (early!.Kind, early.Field));
        Assert.Contains("before the model's first price (2024-08-06)", early.Reason);
    }
}
