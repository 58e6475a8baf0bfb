namespace AiFinOps.Anomaly.Detections.OutputShifts;

/// <summary>
/// A workflow's mean output tokens per call in one hour rose more than <see cref="Threshold"/> (0.5 = 50 %) above its
/// mean over the hours before: a prompt or model change that made answers longer. Reported once per shift: the
/// workflow counts as shifted until its hourly mean is back near the baseline.
/// </summary>
public sealed record OutputLengthShifted(
    string Workflow,
    string Team,
    DateTimeOffset Hour,
    DateTimeOffset DetectedAt,
    long Calls,
    decimal MeanOutputTokens,
    long BaselineCalls,
    int BaselineHours,
    decimal BaselineMeanOutputTokens,
    decimal Threshold) : IAnomalyDetection
{
    public decimal Rise => BaselineMeanOutputTokens == 0 ? 0 : Math.Round(MeanOutputTokens / BaselineMeanOutputTokens - 1, 4);

    public string Kind() => AnomalyKinds.OutputShift;

    /// <summary>A workflow can shift, return and shift again within an hour: the key holds the exact time.</summary>
    public string DetectionKey() => $"{Kind()}|{Workflow}|{DetectedAt.UtcTicks}";

    public string Period() => Figures.Hour(Hour);

    public string Severity() => "warning";

    public string Title() => $"{Workflow}'s answers got {Figures.Percent(Rise)} longer";

    public string Explanation() =>
        $"In the hour from {Figures.Hour(Hour)}:00 UTC the {Figures.Count(Calls)} calls of workflow {Workflow} (team {Team}) returned " +
        $"{Figures.Count(MeanOutputTokens)} output tokens on average, against {Figures.Count(BaselineMeanOutputTokens)} over the " +
        $"{BaselineHours} hours before ({Figures.Count(BaselineCalls)} calls): {Figures.Percent(Rise)} more. Alerts start above " +
        $"{Figures.Percent(Threshold)}. A changed prompt, a new model or a dropped output limit looks like this; output tokens " +
        "usually cost several times input tokens. This is reported once until the length returns to its baseline.";

    public IReadOnlyDictionary<string, string> Facts() => new Dictionary<string, string>
    {
        ["hour"] = Figures.Fact(Hour),
        ["calls"] = Figures.Fact(Calls),
        ["meanOutputTokens"] = Figures.Fact(Math.Round(MeanOutputTokens, 1)),
        ["baselineMeanOutputTokens"] = Figures.Fact(Math.Round(BaselineMeanOutputTokens, 1)),
        ["baselineCalls"] = Figures.Fact(BaselineCalls),
        ["risePercent"] = Figures.Fact(Math.Round(Rise * 100, 1)),
        ["threshold"] = Figures.Fact(Threshold),
    };
}
