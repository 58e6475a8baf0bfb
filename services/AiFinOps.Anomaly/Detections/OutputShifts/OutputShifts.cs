namespace AiFinOps.Anomaly.Detections.OutputShifts;

/// <summary>
/// The output-length rule, pure, with its state (shifted or not). With enough calls in the hour and in the baseline:
/// a mean strictly above (1 + threshold) × the baseline's shifts (reported once); a shifted workflow has returned when
/// its mean is below (1 + threshold / 2) × the baseline (hysteresis, so it does not flap around the threshold).
/// </summary>
public static class OutputShifts
{
    public static (bool Shifted, OutputLengthShifted? Detected) Decide(bool shifted, HourStats hour, decimal threshold, string team,
        OutputShiftOptions options)
    {
        if (hour.Calls < options.MinimumCalls || hour.OutputBaselineCalls < options.MinimumBaselineCalls) return (shifted, null);
        var baseline = hour.BaselineMeanOutputTokens;
        if (!shifted && hour.MeanOutputTokens > (1 + threshold) * baseline)
        {
            return (true, new OutputLengthShifted(hour.Workflow, team, hour.Hour, hour.LatestCallAt, hour.Calls,
                Math.Round(hour.MeanOutputTokens, 4), hour.OutputBaselineCalls, options.BaselineHours, Math.Round(baseline, 4), threshold));
        }
        if (shifted && hour.MeanOutputTokens < (1 + threshold / 2) * baseline) return (false, null);
        return (shifted, null);
    }
}
