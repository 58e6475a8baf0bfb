namespace AiFinOps.Anomaly.Detections.Pace;

/// <summary>The pace rule, pure: a linear run-rate projection of the month against the estimate.</summary>
public static class PaceProjection
{
    /// <summary>spent + spent / elapsed × remaining, to the cent; null before <paramref name="minimumElapsedShare"/> of the month.</summary>
    public static (decimal Projected, decimal ElapsedShare)? Project(decimal spentUsd, DateTimeOffset at, decimal minimumElapsedShare)
    {
        var start = Figures.MonthStart(at);
        var end = start.AddMonths(1);
        var elapsed = (decimal)(at - start).Ticks;
        var share = elapsed / (end - start).Ticks;
        if (elapsed <= 0 || share < minimumElapsedShare) return null;
        var projected = spentUsd + spentUsd / elapsed * (end - at).Ticks;
        return (Math.Round(projected, 2), Math.Round(share, 4));
    }

    /// <summary>Above the estimate, and either not reported this month or at least <c>worseningFactor</c> × the projection last reported.</summary>
    public static PaceOverEstimate? Decide(string workflow, string team, decimal? estimatedUsd, decimal spentUsd, DateTimeOffset at,
        string? lastReportedMonth, decimal? lastReportedProjection, PaceOptions options)
    {
        if (estimatedUsd is not { } estimate || estimate <= 0) return null;
        if (Project(spentUsd, at, options.MinimumElapsedShare) is not { } projection) return null;
        var (projected, share) = projection;
        if (projected <= estimate) return null;
        var month = Figures.Month(at);
        if (lastReportedMonth == month && projected < (lastReportedProjection ?? 0) * options.WorseningFactor) return null;
        return new PaceOverEstimate(workflow, team, month, at, spentUsd, projected, estimate, share);
    }
}
