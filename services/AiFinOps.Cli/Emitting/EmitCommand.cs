using System.CommandLine;
using AiFinOps.Cli.Common;
using AiFinOps.Client;

namespace AiFinOps.Cli.Emitting;

/// <summary><c>aifinops emit [--count N | --duration 30s] [--rate R] [--batch 500] [--seed N] [--duplicates PERCENT]</c></summary>
public sealed class EmitCommand : Command
{
    private readonly Option<long?> _count = new("--count", "-n") { Description = $"Events to emit (default {EmitSettings.DefaultCount:N0} unless --duration)" };
    private readonly Option<TimeSpan?> _duration = new("--duration", "-d")
    {
        Description = "Emit for this long instead: 30s, 5m, 1h",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (DurationParser.TryParse(text, out var duration)) return duration;
            result.AddError($"'{text}' is not a duration such as 30s, 5m or 1h30m.");
            return null;
        },
    };
    private readonly Option<double?> _rate = new("--rate", "-r") { Description = "Events per second (default: as fast as ingest takes them)" };
    private readonly Option<int> _batch = new("--batch") { Description = "Events per gRPC batch", DefaultValueFactory = _ => 500 };
    private readonly Option<Uri> _endpoint = new("--endpoint")
    {
        Description = "The ingest gRPC endpoint",
        DefaultValueFactory = _ => new Uri(UsageIngestChannel.DefaultEndpoint),
        CustomParser = CommonOptions.AbsoluteUri,
    };
    private readonly Option<string?> _key = CommonOptions.ApiKey();
    private readonly Option<int?> _seed = new("--seed") { Description = "Seed for a reproducible workload (default: random, printed)" };
    private readonly Option<double> _duplicates = new("--duplicates")
    {
        Description = "Percentage of events resent with the same event_id, as retrying apps do",
        DefaultValueFactory = _ => 0,
    };
    private readonly Option<string[]> _teams = CommonOptions.List("--teams", "Only these teams: support, sales, research, platform");
    private readonly Option<string[]> _environments = CommonOptions.List("--environments", "Only these environments: prod, staging, dev");
    private readonly Option<bool> _json = CommonOptions.Json();

    public EmitCommand() : base("emit", "Emit realistic synthetic AI usage through the client library")
    {
        _count.Validators.Add(r => { if (r.GetValueOrDefault<long?>() is < 1) r.AddError("--count must be at least 1."); });
        _rate.Validators.Add(r => { if (r.GetValueOrDefault<double?>() is <= 0) r.AddError("--rate must be above 0."); });
        _batch.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > UsageEmitterOptions.MaxEventsPerBatch)
                r.AddError($"--batch must be between 1 and {UsageEmitterOptions.MaxEventsPerBatch:N0}.");
        });
        _duplicates.Validators.Add(r => { if (r.GetValueOrDefault<double>() is < 0 or > 90) r.AddError("--duplicates must be a percentage from 0 to 90."); });
        _teams.Validators.Add(r => Known(r, "team", SyntheticWorkload.Teams.Select(t => t.Name)));
        _environments.Validators.Add(r => Known(r, "environment", SyntheticWorkload.Environments.Select(e => e.Name)));
        Validators.Add(result =>
        {
            if (result.GetResult(_count) is { Implicit: false } && result.GetResult(_duration) is { Implicit: false })
                result.AddError("Use either --count or --duration, not both.");
        });
        foreach (var option in new Option[] { _count, _duration, _rate, _batch, _endpoint, _key, _seed, _duplicates, _teams, _environments, _json })
            Options.Add(option);
        SetAction((parse, cancellationToken) => EmitRun.RunAsync(Settings(parse), cancellationToken));
    }

    public EmitSettings Settings(ParseResult parse) => new(
        parse.GetValue(_count),
        parse.GetValue(_duration),
        parse.GetValue(_rate),
        parse.GetValue(_batch),
        parse.GetRequiredValue(_endpoint),
        CommonOptions.ResolveApiKey(parse.GetValue(_key)),
        parse.GetValue(_seed) ?? Random.Shared.Next(),
        parse.GetValue(_duplicates),
        parse.GetRequiredValue(_teams),
        parse.GetRequiredValue(_environments),
        parse.GetValue(_json));

    private static void Known(System.CommandLine.Parsing.OptionResult result, string what, IEnumerable<string> known)
    {
        var names = known.ToList();
        foreach (var unknown in (result.GetValueOrDefault<string[]>() ?? []).Except(names))
            result.AddError($"Unknown {what} '{unknown}'; choose from {string.Join(", ", names)}.");
    }
}
