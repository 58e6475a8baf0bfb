using AiFinOps.ServiceDefaults.Messaging;
using Microsoft.Extensions.Configuration;

namespace AiFinOps.IntegrationTests.Replicas;

/// <summary><c>Messaging:QueueType</c>: quorum unless an installation keeps its classic queues until it migrates.</summary>
public sealed class ReceiveQueuesTests
{
    [Theory]
    [InlineData(null, "quorum")]
    [InlineData("", "quorum")]
    [InlineData("quorum", "quorum")]
    [InlineData("Classic", "classic")]
    public void The_queue_type_is_quorum_unless_classic_is_configured(string? configured, string expected)
    {
        Assert.Equal(expected, ReceiveQueues.TypeFrom(Configuration(configured)));
    }

    [Fact]
    public void An_unknown_queue_type_stops_the_service_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ReceiveQueues.TypeFrom(Configuration("stream")));
        Assert.Contains("Messaging:QueueType", error.Message);
        Assert.Contains("'stream'", error.Message);
    }

    private static IConfiguration Configuration(string? queueType) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Messaging:QueueType"] = queueType }).Build();
}
