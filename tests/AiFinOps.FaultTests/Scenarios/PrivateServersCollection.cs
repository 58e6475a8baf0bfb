using AiFinOps.FaultTests.Infrastructure;

namespace AiFinOps.FaultTests.Scenarios;

/// <summary>The scenarios share one private PostgreSQL and RabbitMQ and run one after the other: they stop and
/// restart those servers, which no other scenario may be using at that moment.</summary>
[CollectionDefinition(Name)]
public sealed class PrivateServersCollection : ICollectionFixture<PrivateServers>
{
    public const string Name = "private servers";
}
