using AiFinOps.Contracts.Messages;

namespace AiFinOps.Anomaly.Tests.Scenarios;

/// <summary>
/// How a workflow behaves when nothing is wrong: runs an hour (varying by ±<see cref="RateSpread"/>), calls per run
/// (evenly between the bounds), tokens per call (normal around the means, <see cref="TokenSpread"/> relative standard
/// deviation), and what a thousand tokens cost. Runs without run ids are single calls.
/// </summary>
public sealed record WorkflowProfile(
    string Name,
    string Team,
    double RunsPerHour,
    int MinCallsPerRun,
    int MaxCallsPerRun,
    int InputTokens,
    int OutputTokens,
    decimal UsdPerThousandTokens = 0.002m,
    double TokenSpread = 0.15,
    double RateSpread = 0.15,
    bool WithRunIds = true)
{
    public double CallsPerRun => (MinCallsPerRun + MaxCallsPerRun) / 2.0;

    public double TokensPerRun => CallsPerRun * (InputTokens + OutputTokens);

    public decimal UsdPerDay => (decimal)(RunsPerHour * 24 * TokensPerRun / 1000) * UsdPerThousandTokens;
}

/// <summary>
/// A deterministic generator of priced usage over simulated time: the same seed and workflows give the same calls,
/// event ids included (they start with the workflow's name). Calls come out in time order, cut into bus-sized batches.
/// </summary>
public sealed class Traffic(int seed)
{
    private readonly Random random = new(seed);
    private int sequence;

    public IReadOnlyList<PricedUsage> Generate(DateTimeOffset from, DateTimeOffset to, params WorkflowProfile[] workflows)
    {
        var calls = new List<PricedUsage>();
        for (var hour = from; hour < to; hour = hour.AddHours(1))
        {
            foreach (var w in workflows)
            {
                var runs = (int)Math.Round(w.RunsPerHour * (1 + w.RateSpread * (2 * random.NextDouble() - 1)));
                for (var r = 0; r < runs; r++)
                {
                    var start = hour.AddSeconds(random.Next(0, 3600));
                    calls.AddRange(Run(w, start, random.Next(w.MinCallsPerRun, w.MaxCallsPerRun + 1)));
                }
            }
        }
        return calls.Where(c => c.OccurredAt < to).OrderBy(c => c.OccurredAt).ThenBy(c => c.EventId, StringComparer.Ordinal).ToList();
    }

    /// <summary>One run of <paramref name="calls"/> calls, 5 to 20 seconds apart, with tokens as the profile has them
    /// times <paramref name="scale"/> (a runaway run: scale 3).</summary>
    public IReadOnlyList<PricedUsage> Run(WorkflowProfile w, DateTimeOffset start, int calls, double scale = 1, double outputScale = 1)
    {
        var runId = w.WithRunIds && calls > 1 ? $"run-{seed}-{++sequence}" : "";
        var at = start;
        var run = new List<PricedUsage>(calls);
        for (var i = 0; i < calls; i++)
        {
            run.Add(Call(w, at, runId, (long)Math.Max(1, Math.Round(Normal(w.InputTokens, w.TokenSpread) * scale)),
                (long)Math.Max(1, Math.Round(Normal(w.OutputTokens, w.TokenSpread) * scale * outputScale))));
            at = at.AddSeconds(random.Next(5, 21));
        }
        return run;
    }

    /// <summary>One call with exactly these tokens.</summary>
    public PricedUsage Call(WorkflowProfile w, DateTimeOffset at, string runId, long input, long output)
    {
        var cost = Math.Round((input + output) / 1000m * w.UsdPerThousandTokens, 6);
        return new PricedUsage
        {
            EventId = $"{w.Name}-{seed}-{++sequence}",
            OccurredAt = at,
            Provider = "openai",
            Model = "gpt-4o-mini",
            InputTokens = input,
            OutputTokens = output,
            Team = w.Team,
            Workflow = w.Name,
            Environment = "prod",
            RunId = runId,
            Priced = true,
            ListCostUsd = cost,
            EffectiveCostUsd = cost,
        };
    }

    public static IEnumerable<UsageBatchPriced> Batches(IEnumerable<PricedUsage> calls, int size = 500) =>
        calls.Chunk(size).Select(chunk => Usages.Batch(chunk));

    private double Normal(double mean, double relativeSpread)
    {
        // Box–Muller, clipped at three standard deviations so no call is absurd.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return mean * (1 + relativeSpread * Math.Clamp(z, -3, 3));
    }
}
