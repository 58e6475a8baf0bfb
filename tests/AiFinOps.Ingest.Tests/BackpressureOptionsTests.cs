using AiFinOps.Ingest.Recording.Backpressure;
using Microsoft.Extensions.Configuration;

namespace AiFinOps.Ingest.Tests;

public sealed class BackpressureOptionsTests
{
    private static BackpressureOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .GetSection("Ingest:Backpressure").Get<BackpressureOptions>() ?? new BackpressureOptions();

    [Fact]
    public void Unconfigured_ingest_watches_every_usage_consumer() =>
        Assert.Equal(["allocation", "budgeting", "anomaly", "reporting"], Bind([]).WatchedConsumers);

    [Fact]
    public void A_deployment_names_the_consumers_it_runs() =>
        Assert.Equal(["allocation", "budgeting"], Bind(new() { ["Ingest:Backpressure:Consumers"] = " allocation, budgeting ," }).WatchedConsumers);

    [Fact]
    public void An_empty_setting_says_nothing_consumes_usage_here() =>
        Assert.Empty(Bind(new() { ["Ingest:Backpressure:Consumers"] = "" }).WatchedConsumers);
}
