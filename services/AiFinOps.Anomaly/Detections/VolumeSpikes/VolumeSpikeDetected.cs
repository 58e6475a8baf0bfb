namespace AiFinOps.Anomaly.Detections.VolumeSpikes;

/// <summary>
/// A workflow's calls in one hour passed <see cref="Factor"/> × its trailing hourly mean, or its runs passed
/// <see cref="Factor"/> × its registered runs per day / 24 (<see cref="AboveBaseline"/>, <see cref="AboveRegistered"/>:
/// which of the two): the unthrottled workflow. Once per workflow per hour.
/// </summary>
public sealed record VolumeSpikeDetected(
    string Workflow,
    string Team,
    DateTimeOffset Hour,
    DateTimeOffset DetectedAt,
    long Calls,
    long Runs,
    decimal? BaselineCallsPerHour,
    int BaselineHours,
    decimal? RegisteredRunsPerHour,
    decimal Factor,
    bool AboveBaseline,
    bool AboveRegistered) : IAnomalyDetection
{
    public string Kind() => AnomalyKinds.VolumeSpike;

    public string DetectionKey() => $"{Kind()}|{Workflow}|{Figures.Hour(Hour)}";

    public string Period() => Figures.Hour(Hour);

    public string Severity() => "warning";

    public string Title() => AboveBaseline
        ? $"{Workflow} made {Figures.Count(Calls)} calls in an hour, {Times(Calls, BaselineCallsPerHour!.Value)} its usual"
        : $"{Workflow} ran {Figures.Count(Runs)} times in an hour, {Times(Runs, RegisteredRunsPerHour!.Value)} what was registered";

    public string Explanation()
    {
        var parts = new List<string>();
        if (BaselineCallsPerHour is { } mean)
            parts.Add($"{Figures.Count(Calls)} calls against a mean of {Figures.Count(mean)} calls an hour over the {BaselineHours} hours before");
        if (RegisteredRunsPerHour is { } planned)
            parts.Add($"{Figures.Count(Runs)} runs against the {Figures.Count(planned * 24)} runs a day registered ({Figures.Count(planned)} an hour)");
        return $"In the hour from {Figures.Hour(Hour)}:00 UTC workflow {Workflow} (team {Team}) made " + string.Join("; and ", parts) +
            $". Alerts start above {Figures.Ratio(Factor)}. A workflow without a rate limit, a retry loop or a new caller looks like this.";
    }

    public IReadOnlyDictionary<string, string> Facts()
    {
        var facts = new Dictionary<string, string>
        {
            ["hour"] = Figures.Fact(Hour),
            ["calls"] = Figures.Fact(Calls),
            ["runs"] = Figures.Fact(Runs),
            ["factor"] = Figures.Fact(Factor),
        };
        if (BaselineCallsPerHour is { } mean)
        {
            facts["baselineCallsPerHour"] = Figures.Fact(mean);
            facts["baselineHours"] = BaselineHours.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (RegisteredRunsPerHour is { } planned) facts["registeredRunsPerHour"] = Figures.Fact(planned);
        return facts;
    }

    private static string Times(long actual, decimal expected) => expected == 0 ? "far above" : Figures.Ratio(Math.Round(actual / expected, 1));
}
