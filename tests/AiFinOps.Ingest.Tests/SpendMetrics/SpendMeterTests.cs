using System.Diagnostics.Metrics;
using AiFinOps.Ingest.Recording;
using AiFinOps.Ingest.Recording.SpendMetrics;
using AiFinOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiFinOps.Ingest.Tests.SpendMetrics;

public sealed class SpendMeterTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterMeasurements measurements;

    public SpendMeterTests() => measurements = new MeterMeasurements(services.GetRequiredService<IMeterFactory>());

    private SpendMeter Meter(int maxValuesPerAttribute = 100) => new(services.GetRequiredService<IMeterFactory>(),
        Options.Create(new SpendMetricsOptions { MaxValuesPerAttribute = maxValuesPerAttribute }));

    [Fact]
    public void A_batch_adds_once_per_distinct_attribute_set_with_the_sum_of_its_calls()
    {
        var meter = Meter();

        meter.Record([
            (Call("search", input: 1_000, output: 200), 0.25m),
            (Call("search", input: 3_000, output: 100), 0.50m),
            (Call("billing", input: 10, output: 5), 0.01m),
        ]);

        var spend = measurements.Of("aifinops.spend");
        Assert.Equal(2, spend.Count);
        Assert.Equal(0.75, spend.Single(m => m.Tags["team"] == "search").Value, 10);
        Assert.Equal(0.01, spend.Single(m => m.Tags["team"] == "billing").Value, 10);
        var events = measurements.Of("aifinops.usage.events");
        Assert.Equal(2, events.Single(m => m.Tags["team"] == "search").Value);
        var search = spend.Single(m => m.Tags["team"] == "search").Tags;
        Assert.Equal(("answer-question", "gpt-4o", "openai", "prod"), (search["workflow"], search["model"], search["provider"], search["environment"]));
    }

    [Fact]
    public void Token_types_are_disjoint_so_they_add_up_to_every_token()
    {
        Meter().Record([(Call("search", input: 1_000, output: 300, cacheRead: 600, cacheWrite: 100, reasoning: 200), 0.1m)]);

        var tokens = measurements.Of("aifinops.tokens").ToDictionary(m => m.Tags["token.type"], m => m.Value);
        Assert.Equal(300, tokens["input"]);
        Assert.Equal(600, tokens["cache_read"]);
        Assert.Equal(100, tokens["cache_write"]);
        Assert.Equal(100, tokens["output"]);
        Assert.Equal(200, tokens["reasoning"]);
        Assert.Equal(1_300, tokens.Values.Sum());
    }

    [Fact]
    public void An_unpriced_call_counts_its_event_and_tokens_but_no_spend()
    {
        Meter().Record([(Call("search", input: 1_000, output: 200), null)]);

        Assert.Empty(measurements.Of("aifinops.spend"));
        Assert.Equal(1, Assert.Single(measurements.Of("aifinops.usage.events")).Value);
        Assert.Equal(1_200, measurements.Of("aifinops.tokens").Sum(m => m.Value));
    }

    [Fact]
    public void Teams_beyond_the_limit_are_reported_together_as_other()
    {
        var meter = Meter(maxValuesPerAttribute: 1);

        meter.Record([(Call("search", 100, 10), 1m)]);
        meter.Record([(Call("billing", 100, 10), 2m), (Call("legal", 100, 10), 4m), (Call("search", 100, 10), 8m)]);

        var spend = measurements.Of("aifinops.spend");
        Assert.Equal([1.0, 8.0], spend.Where(m => m.Tags["team"] == "search").Select(m => m.Value));
        Assert.Equal(6.0, Assert.Single(spend, m => m.Tags["team"] == AttributeValueLimit.Other).Value);
        Assert.Equal(3, spend.Count);
    }

    [Fact]
    public void An_empty_batch_records_nothing()
    {
        Meter().Record([]);

        Assert.Empty(measurements.Of("aifinops.usage.events"));
    }

    private static ValidUsage Call(string team, long input, long output, long cacheRead = 0, long cacheWrite = 0, long reasoning = 0) =>
        Usages.Call("openai", "gpt-4o", input, output, cacheRead, cacheWrite, reasoning) with { Team = team };

    public void Dispose()
    {
        measurements.Dispose();
        services.Dispose();
    }
}
