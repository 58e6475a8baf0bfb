using AiFinOps.Cli.Common;

namespace AiFinOps.Cli.Tests;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2", 2_000)]
    [InlineData("1d", 86_400_000)]
    public void Durations_are_read_as_typed(string text, double milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5x")]
    [InlineData("0s")]
    [InlineData("-3")]
    [InlineData("10s later")]
    public void Anything_else_is_not_a_duration(string text) => Assert.False(DurationParser.TryParse(text, out _));
}
