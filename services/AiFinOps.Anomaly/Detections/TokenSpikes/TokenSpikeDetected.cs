namespace AiFinOps.Anomaly.Detections.TokenSpikes;

/// <summary>
/// A run's tokens (input + output) passed <see cref="Factor"/> × the tokens expected per run: the registered figure
/// (<see cref="ExpectationSource"/> <c>registered</c>) or the median of the workflow's last <see cref="BaselineRuns"/>
/// closed runs (<c>learned</c>). Decided as the run grows, so a runaway run alerts before it ends; once per run.
/// </summary>
public sealed record TokenSpikeDetected(
    string Workflow,
    string Team,
    string RunKey,
    DateTimeOffset DetectedAt,
    long Calls,
    long InputTokens,
    long OutputTokens,
    decimal EffectiveCostUsd,
    decimal ExpectedTokens,
    string ExpectationSource,
    int BaselineRuns,
    decimal Factor,
    bool RunClosed) : IAnomalyDetection
{
    public long Tokens => InputTokens + OutputTokens;

    public decimal TimesExpected => Math.Round(Tokens / ExpectedTokens, 2);

    public string Kind() => AnomalyKinds.TokenSpike;

    public string DetectionKey() => $"{Kind()}|{Workflow}|{Team}|{RunKey}";

    public string Period() => Figures.Hour(DetectedAt);

    public string Severity() => TimesExpected >= 2 * Factor ? "critical" : "warning";

    public string Title() => $"Run {RunKey} of {Workflow} used {Figures.Ratio(TimesExpected)} the tokens expected";

    public string Explanation() =>
        $"Run {RunKey} of workflow {Workflow} (team {Team}) has used {Figures.Count(Tokens)} tokens " +
        $"({Figures.Count(InputTokens)} input, {Figures.Count(OutputTokens)} output) in {Figures.Count(Calls)} calls, " +
        $"{Figures.Usd(EffectiveCostUsd)} so far: {Figures.Ratio(TimesExpected)} the {Figures.Count(ExpectedTokens)} tokens " +
        (ExpectationSource == TokenExpectation.Registered
            ? "registered as expected per run"
            : $"of a typical run (the median of its last {BaselineRuns} runs)") +
        $". Alerts start above {Figures.Ratio(Factor)}. " +
        (RunClosed ? "The run has ended." : "The run was still going when this was decided; a loop or a runaway agent looks like this.");

    public IReadOnlyDictionary<string, string> Facts() => new Dictionary<string, string>
    {
        ["runId"] = RunKey,
        ["tokens"] = Figures.Fact(Tokens),
        ["inputTokens"] = Figures.Fact(InputTokens),
        ["outputTokens"] = Figures.Fact(OutputTokens),
        ["calls"] = Figures.Fact(Calls),
        ["effectiveCostUsd"] = Figures.Fact(EffectiveCostUsd),
        ["expectedTokens"] = Figures.Fact(ExpectedTokens),
        ["expectationSource"] = ExpectationSource,
        ["timesExpected"] = Figures.Fact(TimesExpected),
        ["factor"] = Figures.Fact(Factor),
    };
}
