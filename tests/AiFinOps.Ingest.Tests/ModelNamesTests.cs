using AiFinOps.Ingest.Pricing;

namespace AiFinOps.Ingest.Tests;

public sealed class ModelNamesTests
{
    [Theory]
    [InlineData("anthropic", "claude-sonnet-4-20250514", "claude-sonnet-4")]
    [InlineData("openai", "gpt-4o-2024-08-06", "gpt-4o")]
    [InlineData("openai", "gpt-4o-mini-2024-07-18", "gpt-4o-mini")]
    [InlineData("openai", "o3-mini-2025-01-31", "o3-mini")]
    public void A_dated_snapshot_suffix_is_dropped(string provider, string model, string catalogueName)
    {
        Assert.Equal(catalogueName, ModelNames.Normalise(provider, model));
    }

    [Theory]
    [InlineData("anthropic", "anthropic/claude-sonnet-4", "claude-sonnet-4")]
    [InlineData("openai", "openai/gpt-4o-2024-08-06", "gpt-4o")]
    [InlineData("google", "google/gemini-2.5-flash", "gemini-2.5-flash")]
    public void The_calling_providers_prefix_is_dropped(string provider, string model, string catalogueName)
    {
        Assert.Equal(catalogueName, ModelNames.Normalise(provider, model));
    }

    [Fact]
    public void Another_providers_prefix_is_kept()
    {
        Assert.Equal("openai/gpt-4o", ModelNames.Normalise("azure-openai", "openai/gpt-4o"));
    }

    [Theory]
    [InlineData("GPT-4o", "gpt-4o")]
    [InlineData("  gpt-4o  ", "gpt-4o")]
    [InlineData("claude-3-5-haiku-latest", "claude-3-5-haiku")]
    public void Case_spaces_and_the_latest_alias_are_normalised(string model, string catalogueName)
    {
        Assert.Equal(catalogueName, ModelNames.Normalise("any", model));
    }

    [Theory]
    [InlineData("gpt-4.1")]
    [InlineData("claude-sonnet-4")]
    [InlineData("gemini-2.5-flash")]
    [InlineData("model-1234567")]
    public void A_name_without_a_snapshot_suffix_is_left_alone(string model)
    {
        Assert.Equal(model, ModelNames.Normalise("any", model));
    }
}
