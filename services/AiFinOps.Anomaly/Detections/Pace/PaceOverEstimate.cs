namespace AiFinOps.Anomaly.Detections.Pace;

/// <summary>
/// A registered workflow's month-to-date effective cost, projected linearly to the month's end (projected = spent +
/// spent / elapsed × remaining), is above its estimated monthly cost. Once per workflow per month, again only when
/// the projection got materially worse.
/// </summary>
public sealed record PaceOverEstimate(
    string Workflow,
    string Team,
    string Month,
    DateTimeOffset DetectedAt,
    decimal SpentUsd,
    decimal ProjectedUsd,
    decimal EstimatedUsd,
    decimal ElapsedShare) : IAnomalyDetection
{
    public string Kind() => AnomalyKinds.PaceOverEstimate;

    public string DetectionKey() => $"{Kind()}|{Workflow}|{Month}|{Figures.Fact(ProjectedUsd)}";

    public string Period() => Month;

    public string Severity() => ProjectedUsd >= 2 * EstimatedUsd ? "critical" : "warning";

    public string Title() => $"{Workflow} is on course for {Figures.Usd(ProjectedUsd)} in {Month}, estimated {Figures.Usd(EstimatedUsd)}";

    public string Explanation() =>
        $"Workflow {Workflow} (team {Team}) has spent {Figures.Usd(SpentUsd)} in {Month} with {Figures.Percent(ElapsedShare)} of the " +
        $"month gone. At that rate it ends the month at {Figures.Usd(ProjectedUsd)} (spent + spent / elapsed × remaining), " +
        $"{Figures.Percent(ProjectedUsd / EstimatedUsd)} of the {Figures.Usd(EstimatedUsd)} estimated when it was registered. " +
        "Either the workflow does more than planned or its estimate needs amending.";

    public IReadOnlyDictionary<string, string> Facts() => new Dictionary<string, string>
    {
        ["month"] = Month,
        ["spentUsd"] = Figures.Fact(SpentUsd),
        ["projectedUsd"] = Figures.Fact(ProjectedUsd),
        ["estimatedUsd"] = Figures.Fact(EstimatedUsd),
        ["elapsedShare"] = Figures.Fact(ElapsedShare),
    };
}
