using AiFinOps.Cli.Emitting;

namespace AiFinOps.Cli.Tests;

public sealed class EmitArgumentsTests
{
    private static EmitSettings Settings(string commandLine)
    {
        var parse = Cli.Parse(commandLine);
        return Cli.Command<EmitCommand>(parse).Settings(parse);
    }

    [Fact]
    public void Emit_without_options_sends_a_thousand_events_to_local_ingest_in_batches_of_500()
    {
        var settings = Settings("emit --key afo_k");
        Assert.Equal((1_000L, 500, "http://localhost:5170/", 0.0), (settings.Limit, settings.BatchSize, settings.Endpoint.ToString(), settings.DuplicatesPercent));
        Assert.Null(settings.Rate);
        Assert.Empty(settings.Teams);
    }

    [Fact]
    public void Every_emit_option_is_read()
    {
        var settings = Settings(
            "emit --count 200 --rate 50 --batch 100 --seed 7 --duplicates 5 --endpoint http://ingest:6000 --key afo_x --teams support,sales --environments prod --json");
        Assert.Equal(200, settings.Count);
        Assert.Equal(50, settings.Rate);
        Assert.Equal((100, 7, 5.0, "afo_x", true), (settings.BatchSize, settings.Seed, settings.DuplicatesPercent, settings.ApiKey, settings.Json));
        Assert.Equal(new Uri("http://ingest:6000"), settings.Endpoint);
        Assert.Equal(["support", "sales"], settings.Teams);
        Assert.Equal(["prod"], settings.Environments);
    }

    [Fact]
    public void A_duration_replaces_the_default_count()
    {
        var settings = Settings("emit --duration 1m30s");
        Assert.Equal(TimeSpan.FromSeconds(90), settings.Duration);
        Assert.Null(settings.Limit);
    }

    [Theory]
    [InlineData("emit --count 10 --duration 5s", "either --count or --duration")]
    [InlineData("emit --count 0", "--count must be at least 1")]
    [InlineData("emit --duration soon", "not a duration")]
    [InlineData("emit --batch 20000", "--batch must be between 1 and 10,000")]
    [InlineData("emit --duplicates 95", "--duplicates must be a percentage")]
    [InlineData("emit --rate 0", "--rate must be above 0")]
    [InlineData("emit --teams marketing", "Unknown team 'marketing'")]
    [InlineData("emit --environments qa", "Unknown environment 'qa'")]
    [InlineData("emit --endpoint localhost:5170", "not an http:// or https:// address")]
    public void Bad_emit_arguments_are_refused_with_a_reason(string commandLine, string reason) =>
        Assert.Contains(reason, Cli.Errors(commandLine));

    [Fact]
    public void Without_a_seed_a_random_one_is_chosen()
    {
        var seeds = Enumerable.Range(0, 5).Select(_ => Settings("emit").Seed).Distinct();
        Assert.True(seeds.Count() > 1);
    }
}
