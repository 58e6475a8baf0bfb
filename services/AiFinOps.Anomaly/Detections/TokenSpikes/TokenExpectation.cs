using AiFinOps.Anomaly.Workflows;

namespace AiFinOps.Anomaly.Detections.TokenSpikes;

/// <summary>How many tokens a run of a workflow is expected to use, and where that figure comes from.</summary>
public sealed record TokenExpectation(decimal TokensPerRun, string Source, int BaselineRuns, decimal Factor)
{
    public const string Registered = "registered";
    public const string Learned = "learned";

    /// <summary>
    /// The registered expectation of an active registration; else the median of the last closed runs once there are
    /// <paramref name="minimumRuns"/> of them; else none (no learned alert before that). The factor is the
    /// registration's, else <paramref name="defaultFactor"/>.
    /// </summary>
    public static TokenExpectation? For(Workflow? registration, LearnedBaseline learned, decimal defaultFactor, int minimumRuns)
    {
        var active = registration is { Retired: false } ? registration.Terms : null;
        var factor = active?.TokenSpikeFactor ?? defaultFactor;
        if (active?.ExpectedTokensPerRun is { } expected) return new(expected, Registered, 0, factor);
        if (learned.Runs >= minimumRuns && learned.MedianTokens > 0) return new(learned.MedianTokens, Learned, learned.Runs, factor);
        return null;
    }
}

/// <summary>The median tokens of a workflow's last closed runs, and how many runs it is the median of.</summary>
public readonly record struct LearnedBaseline(int Runs, decimal MedianTokens)
{
    public static LearnedBaseline None => new(0, 0m);
}
