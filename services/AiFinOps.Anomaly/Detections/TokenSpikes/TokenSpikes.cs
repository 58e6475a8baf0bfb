namespace AiFinOps.Anomaly.Detections.TokenSpikes;

/// <summary>A run as it stands after a batch's calls were folded into it.</summary>
public sealed record RunState(
    string Workflow, string Team, string RunKey, long Calls, long InputTokens, long OutputTokens, decimal EffectiveCostUsd,
    DateTimeOffset LastAt, bool Closed, bool TokenSpikeDetected)
{
    public long Tokens => InputTokens + OutputTokens;
}

/// <summary>The token-spike rule, pure: a run strictly above factor × expected tokens, once per run.</summary>
public static class TokenSpikes
{
    public static TokenSpikeDetected? Decide(RunState run, TokenExpectation? expected, string team)
    {
        if (run.TokenSpikeDetected || expected is null) return null;
        if (run.Tokens <= expected.Factor * expected.TokensPerRun) return null;
        return new TokenSpikeDetected(run.Workflow, team, run.RunKey, run.LastAt, run.Calls, run.InputTokens, run.OutputTokens,
            run.EffectiveCostUsd, expected.TokensPerRun, expected.Source, expected.BaselineRuns, expected.Factor, run.Closed);
    }
}
