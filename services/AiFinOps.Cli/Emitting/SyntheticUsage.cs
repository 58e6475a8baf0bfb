using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AiFinOps.Contracts.Usage.V1;
using Google.Protobuf.WellKnownTypes;

namespace AiFinOps.Cli.Emitting;

/// <summary>
/// Realistic usage from <see cref="SyntheticWorkload"/>: interleaved workflow runs of several calls sharing a run_id,
/// log-normal token counts, prompt caches that warm up on repeated prompt fingerprints, reasoning on thinking models,
/// some batch tier, the odd runaway run, and (on request) resends of earlier events with the same event_id.
/// Given the same seed and the same times, it generates the same events, ids included.
/// </summary>
public sealed class SyntheticUsage
{
    private const int ActiveRuns = 8;
    private const double RunawayChance = 0.01;
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    private readonly Random _random;
    private readonly double _resendShare;
    private readonly IReadOnlyList<SyntheticTeam> _teams;
    private readonly IReadOnlyList<(string Name, double Weight)> _environments;
    private readonly List<Run> _runs = [];
    private readonly UsageEvent[] _recent = new UsageEvent[512];
    private readonly Dictionary<(string Model, string Fingerprint), DateTimeOffset> _warmPrefixes = [];
    private readonly Dictionary<(string Team, string Workflow, int Template), string> _fingerprints = [];
    private long _generated;

    /// <param name="resendShare">Share of events, 0 to below 1, that resend an earlier event.</param>
    /// <param name="teams">Only these teams (all when empty).</param>
    /// <param name="environments">Only these environments (all when empty).</param>
    public SyntheticUsage(int seed, double resendShare = 0, IReadOnlyCollection<string>? teams = null, IReadOnlyCollection<string>? environments = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resendShare, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(resendShare, 1);
        _random = new Random(seed);
        _resendShare = resendShare;
        _teams = [.. SyntheticWorkload.Teams.Where(t => teams is not { Count: > 0 } || teams.Contains(t.Name))];
        _environments = [.. SyntheticWorkload.Environments.Where(e => environments is not { Count: > 0 } || environments.Contains(e.Name))];
        if (_teams.Count == 0) throw new ArgumentException($"No such team; teams: {string.Join(", ", SyntheticWorkload.Teams.Select(t => t.Name))}.", nameof(teams));
        if (_environments.Count == 0) throw new ArgumentException("No such environment; environments: prod, staging, dev.", nameof(environments));
    }

    public SyntheticEvent Next(DateTimeOffset now)
    {
        if (_generated > 0 && _random.NextDouble() < _resendShare)
        {
            var earlier = _recent[_random.Next((int)Math.Min(_generated, _recent.Length))];
            return new SyntheticEvent(earlier.Clone(), IsResend: true);
        }
        var run = NextRun();
        var usage = Call(run, now);
        _recent[_generated++ % _recent.Length] = usage;
        return new SyntheticEvent(usage, IsResend: false);
    }

    private Run NextRun()
    {
        if (_runs.Count < ActiveRuns) _runs.Add(StartRun());
        var index = _random.Next(_runs.Count);
        var run = _runs[index];
        if (run.CallsLeft == 1) _runs.RemoveAt(index);
        return run;
    }

    private Run StartRun()
    {
        var team = Pick(_teams, t => t.Weight);
        var workflow = team.Workflows[_random.Next(team.Workflows.Count)];
        var model = Pick(workflow.Models, m => m.Weight).Model;
        var runaway = _random.NextDouble() < RunawayChance;
        var calls = _random.Next(workflow.MinCalls, workflow.MaxCalls + 1) * (runaway ? 3 : 1);
        return new Run(team, workflow, Pick(_environments, e => e.Weight).Name, model, NewId(DateTimeOffset.UnixEpoch, version: 4),
            calls, LogNormal(1, 0.3) * (runaway ? 2.5 : 1));
    }

    private UsageEvent Call(Run run, DateTimeOffset now)
    {
        var (team, workflow, model) = (run.Team, run.Workflow, run.Model);
        var template = run.Step % workflow.Templates;
        var fingerprint = Fingerprint(team.Name, workflow.Name, template);
        var prefix = (int)(workflow.PromptPrefixTokens * (0.85 + 0.1 * template));
        var input = prefix + Math.Max(20, (long)LogNormal(workflow.MedianContentTokens * run.Scale, 0.6));

        var visible = Math.Max(1, (long)LogNormal(workflow.MedianOutputTokens * run.Scale, 0.7));
        var reasoning = _random.NextDouble() < model.ReasoningChance
            ? (long)(visible * Uniform(model.ReasoningPerVisibleToken.Low, model.ReasoningPerVisibleToken.High))
            : 0;
        // Most apps set an output limit; it caps reasoning and visible output together.
        var maxOutput = _random.NextDouble() < 0.8 ? workflow.MaxOutputTokens : 0;
        var output = visible + reasoning;
        if (maxOutput > 0 && output > maxOutput) (output, reasoning) = (maxOutput, Math.Min(reasoning, maxOutput - 1));

        var (cacheRead, cacheWrite) = Cache(model, fingerprint, prefix, now);
        var batch = _random.NextDouble() < workflow.BatchShare;
        var latency = batch
            ? (long)LogNormal(20 * 60_000, 0.8)
            : (long)((250 + input * 0.04 + output * model.MillisecondsPerOutputToken) * LogNormal(1, 0.25));

        run.Step++;
        run.CallsLeft--;
        return new UsageEvent
        {
            EventId = NewId(now, version: 7),
            OccurredAt = Timestamp.FromDateTimeOffset(now),
            Provider = model.Provider,
            Model = model.Name,
            InputTokens = input,
            OutputTokens = output,
            CacheReadTokens = cacheRead,
            CacheWriteTokens = cacheWrite,
            ReasoningTokens = reasoning,
            Team = team.Name,
            Workflow = workflow.Name,
            Environment = run.Environment,
            Tags = { ["cost_centre"] = team.CostCentre, ["product"] = workflow.Product },
            RunId = run.RunId,
            ServiceTier = batch ? "batch" : _random.NextDouble() < 0.2 ? "" : "standard",
            PromptFingerprint = fingerprint,
            MaxOutputTokens = maxOutput,
            LatencyMs = latency,
        };
    }

    /// <summary>A warm prefix (same model, same fingerprint, used recently) is mostly read from cache; a cold one may be written.</summary>
    private (long Read, long Write) Cache(SyntheticModel model, string fingerprint, int prefix, DateTimeOffset now)
    {
        if (model.Caching == PromptCaching.None || prefix < model.MinCachedPrefix) return (0, 0);
        var key = (model.Name, fingerprint);
        var warm = _warmPrefixes.TryGetValue(key, out var lastUsed) && now - lastUsed < CacheLifetime;
        _warmPrefixes[key] = now;
        if (warm && _random.NextDouble() < 0.9)
            return model.Caching == PromptCaching.ReadsOnly ? (prefix / 128 * 128, 0) : (prefix, 0);
        return model.Caching == PromptCaching.WritesThenReads ? (0, prefix) : (0, 0);
    }

    /// <summary>A hash of the prompt template, as an app would send it: never the prompt itself.</summary>
    private string Fingerprint(string team, string workflow, int template)
    {
        if (!_fingerprints.TryGetValue((team, workflow, template), out var fingerprint))
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{team}/{workflow}/template-{template.ToString(CultureInfo.InvariantCulture)}"));
            _fingerprints[(team, workflow, template)] = fingerprint = Convert.ToHexStringLower(hash.AsSpan(0, 16));
        }
        return fingerprint;
    }

    /// <summary>A UUID from the seeded random (v7 carries the event's time, so ids sort like the events).</summary>
    private string NewId(DateTimeOffset time, int version)
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        if (version == 7)
        {
            Span<byte> millis = stackalloc byte[8];
            BinaryPrimitives.WriteInt64BigEndian(millis, time.ToUnixTimeMilliseconds());
            millis[2..].CopyTo(bytes);
        }
        bytes[6] = (byte)((version << 4) | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true).ToString();
    }

    private T Pick<T>(IReadOnlyList<T> items, Func<T, double> weight)
    {
        var roll = _random.NextDouble() * items.Sum(weight);
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0) return item;
        }
        return items[^1];
    }

    private double Uniform(double low, double high) => low + (high - low) * _random.NextDouble();

    /// <summary>Log-normal around a median: token counts have a long tail.</summary>
    private double LogNormal(double median, double sigma)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        return median * Math.Exp(sigma * normal);
    }

    private sealed class Run(SyntheticTeam team, SyntheticWorkflow workflow, string environment, SyntheticModel model, string runId, int calls, double scale)
    {
        public SyntheticTeam Team { get; } = team;
        public SyntheticWorkflow Workflow { get; } = workflow;
        public string Environment { get; } = environment;
        public SyntheticModel Model { get; } = model;
        public string RunId { get; } = runId;
        public double Scale { get; } = scale;
        public int CallsLeft { get; set; } = calls;
        public int Step { get; set; }
    }
}
