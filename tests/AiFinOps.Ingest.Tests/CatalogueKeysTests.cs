using AiFinOps.Ingest.Catalogue;
using AiFinOps.Ingest.Pricing;
using static AiFinOps.Ingest.Tests.Prices;
using static AiFinOps.Ingest.Tests.Usages;

namespace AiFinOps.Ingest.Tests;

public sealed class CatalogueKeysTests
{
    private static readonly CataloguePrice AcmeChat = Price("acme", "chat", new DateOnly(2025, 1, 1), ("standard", new TierPrice { Rates = Rates(1m, 2m) }));

    private readonly PriceBook book = new([ClaudeSonnet4, Gpt4o, AcmeChat],
    [
        new ModelAlias("bedrock", "anthropic.claude-sonnet-4-20250514-v1:0", "anthropic", "claude-sonnet-4"),
        new ModelAlias("acme", "chat-turbo", "acme", "chat"),
    ]);

    [Fact]
    public void A_dated_snapshot_is_found_under_its_own_name_and_its_model()
    {
        Assert.Equal(["claude-sonnet-4-20250514", "claude-sonnet-4"], book.CatalogueKeys("anthropic", "Claude-Sonnet-4-20250514"));
        Assert.Equal(["gpt-4o-latest", "gpt-4o"], book.CatalogueKeys("openai", "openai/gpt-4o-latest"));
    }

    [Fact]
    public void An_alias_is_found_under_its_target_too()
    {
        Assert.Equal(["chat-turbo", "chat"], book.CatalogueKeys("acme", "chat-turbo"));
    }

    [Fact]
    public void A_target_of_another_provider_carries_its_provider()
    {
        Assert.Equal(["anthropic.claude-sonnet-4-20250514-v1:0", "anthropic/claude-sonnet-4"],
            book.CatalogueKeys("bedrock", "us.anthropic.claude-sonnet-4-20250514-v1:0"));
    }

    [Fact]
    public void Priced_and_unpriced_calls_both_carry_their_keys()
    {
        var pricing = new UsagePricing(book);

        Assert.Equal(["chat-turbo", "chat"], pricing.Price(Call("acme", "chat-turbo", input: 10, output: 10)).CatalogueKeys);
        Assert.Equal(["mystery-2025-01-01", "mystery"], pricing.Price(Call("acme", "mystery-2025-01-01", input: 10, output: 10)).CatalogueKeys);
    }
}
