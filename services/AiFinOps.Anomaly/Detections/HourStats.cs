namespace AiFinOps.Anomaly.Detections;

/// <summary>
/// A workflow's hour as it stands after a batch (all teams): calls, runs started and output tokens; and the hours
/// before it that volume (<see cref="VolumeBaselineCalls"/>) and output length (<see cref="OutputBaselineCalls"/>,
/// <see cref="OutputBaselineTokens"/>) are judged against.
/// </summary>
public sealed record HourStats(
    string Workflow,
    DateTimeOffset Hour,
    DateTimeOffset LatestCallAt,
    long Calls,
    long Runs,
    long OutputTokens,
    long VolumeBaselineCalls,
    long OutputBaselineCalls,
    long OutputBaselineTokens)
{
    public decimal MeanOutputTokens => Calls == 0 ? 0m : (decimal)OutputTokens / Calls;

    public decimal BaselineMeanOutputTokens => OutputBaselineCalls == 0 ? 0m : (decimal)OutputBaselineTokens / OutputBaselineCalls;
}
