namespace AiFinOps.Anomaly.Detections.VolumeSpikes;

/// <summary>
/// The volume rule, pure. Against the baseline: calls at least the minimum and strictly above factor × the mean of
/// the trailing hours, once the workflow has been seen for the whole baseline window. Against the registration:
/// runs at least the minimum and strictly above factor × registered runs per day / 24. Once per workflow per hour.
/// </summary>
public static class VolumeSpikes
{
    public static VolumeSpikeDetected? Decide(HourStats hour, DateTimeOffset? lastDetectedHour, DateTimeOffset? firstSeenAt,
        decimal? registeredRunsPerDay, string team, VolumeSpikeOptions options)
    {
        if (lastDetectedHour == hour.Hour) return null;
        decimal? baseline = firstSeenAt is { } first && first <= hour.Hour.AddHours(-options.BaselineHours)
            ? Math.Round((decimal)hour.VolumeBaselineCalls / options.BaselineHours, 2)
            : null;
        decimal? planned = registeredRunsPerDay is { } perDay ? Math.Round(perDay / 24m, 2) : null;
        var aboveBaseline = baseline is { } mean && hour.Calls >= options.MinimumCalls && hour.Calls > options.Factor * mean;
        var aboveRegistered = planned is { } perHour && hour.Runs >= options.MinimumRuns && hour.Runs > options.Factor * perHour;
        if (!aboveBaseline && !aboveRegistered) return null;
        return new VolumeSpikeDetected(hour.Workflow, team, hour.Hour, hour.LatestCallAt, hour.Calls, hour.Runs, baseline,
            options.BaselineHours, planned, options.Factor, aboveBaseline, aboveRegistered);
    }
}
