namespace AiFinOps.Anomaly.Detections.Unregistered;

/// <summary>
/// A workflow spent without being on the launch checklist: not in the registry (<see cref="Reason"/>
/// <c>not-registered</c>), retired (<c>retired</c>), or registered without a cost estimate (<c>no-estimate</c>).
/// Once per workflow per month.
/// </summary>
public sealed record UnregisteredWorkflowSeen(
    string Workflow,
    string Team,
    string Month,
    DateTimeOffset DetectedAt,
    string Reason,
    long CallsThisMonth,
    decimal SpentThisMonthUsd) : IAnomalyDetection
{
    public const string NotRegistered = "not-registered";
    public const string Retired = "retired";
    public const string NoEstimate = "no-estimate";

    public string Kind() => AnomalyKinds.UnregisteredWorkflow;

    public string DetectionKey() => $"{Kind()}|{Workflow}|{Month}";

    public string Period() => Month;

    public string Severity() => "info";

    public string Title() => Reason switch
    {
        NoEstimate => $"{Workflow} spends without a cost estimate",
        Retired => $"{Workflow} spends although it was retired",
        _ => $"{Workflow} spends but is not registered",
    };

    public string Explanation() =>
        $"Workflow {Workflow} (calls from team {Team}) " + Reason switch
        {
            NoEstimate => "is registered without an estimated monthly cost",
            Retired => "was retired from the registry",
            _ => "is not in the workflow registry",
        } +
        $", yet made {Figures.Count(CallsThisMonth)} calls costing {Figures.Usd(SpentThisMonthUsd)} in {Month} so far. Every AI " +
        "workflow should be registered with an owner, the value it delivers and an estimated monthly cost before it spends " +
        "(POST /api/v1/workflows or aifinops workflows register).";

    public IReadOnlyDictionary<string, string> Facts() => new Dictionary<string, string>
    {
        ["reason"] = Reason,
        ["month"] = Month,
        ["callsThisMonth"] = Figures.Fact(CallsThisMonth),
        ["spentThisMonthUsd"] = Figures.Fact(SpentThisMonthUsd),
    };
}
