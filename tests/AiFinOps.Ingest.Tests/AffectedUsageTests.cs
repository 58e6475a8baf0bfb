using AiFinOps.Ingest.Catalogue;
using AiFinOps.Ingest.Catalogue.Negotiating;
using AiFinOps.Ingest.Catalogue.PublishingChanges;
using static AiFinOps.Ingest.Tests.Prices;

namespace AiFinOps.Ingest.Tests;

public sealed class AffectedUsageTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static CataloguePrice O3(int year, int month, int day, decimal input) =>
        Price("openai", "o3", new DateOnly(year, month, day), ("standard", new TierPrice { Rates = Rates(input, input * 4) }));

    private static DateTimeOffset Midnight(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    private static ModelPriceHistory History(params CataloguePrice[] versions) =>
        versions.Skip(1).Aggregate(ModelPriceHistory.Create(new PriceSet(versions[0], "ops", At)), (h, v) => h.Apply(new PriceSet(v, "ops", At)));

    [Fact]
    public void A_first_price_for_an_unknown_model_re_prices_every_call_from_its_date_on()
    {
        var change = AffectedUsage.Of(41, new PriceSet(O3(2025, 4, 16, 10m), "ops", At), before: null)!;

        Assert.Equal(41, change.Sequence);
        Assert.Equal("price-set", change.Kind);
        Assert.Equal(("openai", "o3"), (change.Provider, change.Model));
        Assert.Equal(Midnight(2025, 4, 16), change.AffectedFrom);
        Assert.Null(change.AffectedTo);
        Assert.Equal("ops", change.ChangedBy);
        Assert.Equal(At, change.ChangedAt);
        Assert.Equal("price of openai/o3 from 2025-04-16 set", change.Description);
    }

    [Fact]
    public void A_version_set_between_two_others_re_prices_only_up_to_the_next_version()
    {
        var before = History(O3(2025, 4, 16, 10m), O3(2025, 6, 10, 2m));

        var change = AffectedUsage.Of(7, new PriceSet(O3(2025, 5, 1, 5m), "ops", At), before)!;

        Assert.Equal(Midnight(2025, 5, 1), change.AffectedFrom);
        Assert.Equal(Midnight(2025, 6, 10), change.AffectedTo);
    }

    [Fact]
    public void A_correction_re_prices_the_window_of_the_version_it_corrects()
    {
        var before = History(O3(2025, 4, 16, 10m), O3(2025, 6, 10, 2m), O3(2025, 9, 1, 1m));

        var change = AffectedUsage.Of(8, new PriceCorrected(O3(2025, 6, 10, 2.5m), "typo", "ops", At), before)!;

        Assert.Equal("price-corrected", change.Kind);
        Assert.Equal(Midnight(2025, 6, 10), change.AffectedFrom);
        Assert.Equal(Midnight(2025, 9, 1), change.AffectedTo);
        Assert.Contains("typo", change.Description);
    }

    [Fact]
    public void An_alias_re_prices_every_call_sent_under_the_alias_name_whenever_it_was_made()
    {
        var alias = new ModelAlias("bedrock", "anthropic.claude-sonnet-4-20250514-v1:0", "anthropic", "claude-sonnet-4");

        var change = AffectedUsage.Of(9, new ModelAliased(alias, "ops", At), before: null)!;

        Assert.Equal("model-aliased", change.Kind);
        Assert.Equal(("bedrock", "anthropic.claude-sonnet-4-20250514-v1:0"), (change.Provider, change.Model));
        Assert.Equal(AffectedUsage.AllTime, change.AffectedFrom);
        Assert.Null(change.AffectedTo);
    }

    [Fact]
    public void A_retirement_affects_calls_from_its_day_on()
    {
        var change = AffectedUsage.Of(10, new ModelRetired("openai", "o3", new DateOnly(2026, 1, 31), "ops", At), History(O3(2025, 4, 16, 10m)))!;

        Assert.Equal("model-retired", change.Kind);
        Assert.Equal(Midnight(2026, 1, 31), change.AffectedFrom);
        Assert.Null(change.AffectedTo);
    }

    [Fact]
    public void A_discount_affects_its_models_calls_between_its_dates_and_a_provider_wide_one_every_model()
    {
        var discount = new NegotiatedDiscount
        {
            Id = "ea-2026",
            Provider = "anthropic",
            EffectiveFrom = new DateOnly(2026, 1, 1),
            EffectiveTo = new DateOnly(2027, 1, 1),
            PercentOff = 12.5m,
            Source = "enterprise agreement",
        };

        var providerWide = AffectedUsage.Of(11, new DiscountAgreed(discount, "finance", At), before: null)!;
        var oneModel = AffectedUsage.Of(12, new DiscountAgreed(discount with { Model = "claude-sonnet-4" }, "finance", At), before: null)!;

        Assert.Equal("discount-set", providerWide.Kind);
        Assert.Null(providerWide.Model);
        Assert.Equal((Midnight(2026, 1, 1), (DateTimeOffset?)Midnight(2027, 1, 1)), (providerWide.AffectedFrom, providerWide.AffectedTo));
        Assert.Contains("12.5 % off list", providerWide.Description);
        Assert.Equal("claude-sonnet-4", oneModel.Model);
    }

    [Fact]
    public void Ending_a_discount_affects_the_calls_between_the_new_end_and_the_old_one()
    {
        var open = new NegotiatedDiscount
        {
            Id = "ea",
            Provider = "openai",
            Model = "gpt-4o",
            EffectiveFrom = new DateOnly(2026, 1, 1),
            PercentOff = 10m,
            Source = "ea",
        };
        var agreed = AgreedDiscount.Create(new DiscountAgreed(open, "finance", At));
        var ended = new DiscountEnded("ea", new DateOnly(2026, 7, 1), "finance", At);

        var fromOpenEnded = AffectedUsage.Of(13, ended, agreed)!;
        var broughtForward = AffectedUsage.Of(14, ended, agreed.Apply(new DiscountEnded("ea", new DateOnly(2026, 10, 1), "finance", At)))!;

        Assert.Equal("discount-ended", fromOpenEnded.Kind);
        Assert.Equal(("openai", "gpt-4o"), (fromOpenEnded.Provider, fromOpenEnded.Model));
        Assert.Equal(Midnight(2026, 7, 1), fromOpenEnded.AffectedFrom);
        Assert.Null(fromOpenEnded.AffectedTo);
        Assert.Equal((Midnight(2026, 7, 1), (DateTimeOffset?)Midnight(2026, 10, 1)), (broughtForward.AffectedFrom, broughtForward.AffectedTo));
    }

    [Fact]
    public void Events_that_are_not_catalogue_changes_have_no_change_record() =>
        Assert.Null(AffectedUsage.Of(15, new object(), before: null));
}
