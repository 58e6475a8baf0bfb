using AiFinOps.Cli.DeadLetters;

namespace AiFinOps.Cli.Tests;

public sealed class DeadLettersTests
{
    [Theory]
    [InlineData("dead-letters replay allocation", "/api/v1/admin/dead-letters/allocation/replay")]
    [InlineData("dead-letters replay Budgeting", "/api/v1/admin/dead-letters/budgeting/replay")]
    [InlineData("dead-letters replay anomaly --queue anomaly-usage-batch-priced", "/api/v1/admin/dead-letters/anomaly/replay?queue=anomaly-usage-batch-priced")]
    public void Replay_posts_to_the_services_own_dead_letter_route(string commandLine, string path)
    {
        var parse = Cli.Parse(commandLine);
        Assert.Equal(path, Cli.Command<ReplayDeadLettersCommand>(parse).ReplayPath(parse));
    }

    [Fact]
    public void Replay_of_a_service_without_dead_letter_queues_is_refused()
    {
        var parse = Cli.Parse("dead-letters replay gateway");
        Assert.Null(Cli.Command<ReplayDeadLettersCommand>(parse).ReplayPath(parse));
    }

    [Fact]
    public void Replay_needs_a_service() => Assert.Contains("Required argument missing", Cli.Errors("dead-letters replay"));
}
