using AiFinOps.Ingest.Catalogue;
using static AiFinOps.Ingest.Tests.Prices;

namespace AiFinOps.Ingest.Tests;

public sealed class PriceBookTests
{
    private static readonly DateOnly Day = new(2025, 11, 1);

    private readonly PriceBook book = new([ClaudeSonnet4, Gpt4o],
    [
        new ModelAlias("bedrock", "anthropic.claude-sonnet-4-20250514-v1:0", "anthropic", "claude-sonnet-4"),
        new ModelAlias("azure-openai", "gpt-4o", "openai", "gpt-4o"),
    ]);

    [Theory]
    [InlineData("anthropic", "claude-sonnet-4")]
    [InlineData("anthropic", "claude-sonnet-4-20250514")]
    [InlineData("anthropic", "Claude-Sonnet-4")]
    [InlineData("anthropic", "anthropic/claude-sonnet-4")]
    [InlineData("bedrock", "anthropic.claude-sonnet-4-20250514-v1:0")]
    [InlineData("bedrock", "us.anthropic.claude-sonnet-4-20250514-v1:0")]
    [InlineData("bedrock", "eu.anthropic.claude-sonnet-4-20250514-v1:0")]
    public void Names_apps_send_resolve_to_claude_sonnet_4(string provider, string model) =>
        Assert.Equal("anthropic/claude-sonnet-4", book.Find(provider, model, Day)?.Key);

    [Theory]
    [InlineData("openai", "gpt-4o-2024-08-06")]
    [InlineData("openai", "gpt-4o-latest")]
    [InlineData("openai", "openai/gpt-4o")]
    [InlineData("azure-openai", "gpt-4o")]
    public void Names_apps_send_resolve_to_gpt_4o(string provider, string model) =>
        Assert.Equal("openai/gpt-4o", book.Find(provider, model, Day)?.Key);

    [Theory]
    [InlineData("openai", "gpt-4o-mini")]
    [InlineData("openai", "gpt-4o-audio-preview")]
    [InlineData("openai", "gpt-4")]
    [InlineData("anthropic", "claude-sonnet-4-5")]
    [InlineData("anthropic", "gpt-4o")]
    [InlineData("mistral", "claude-sonnet-4")]
    public void Nothing_matches_by_accident(string provider, string model) =>
        Assert.Null(book.Find(provider, model, Day));
}
