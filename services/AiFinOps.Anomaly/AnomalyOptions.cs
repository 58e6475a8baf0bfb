namespace AiFinOps.Anomaly;

/// <summary>
/// Configuration section <c>Anomaly</c>: how runs close and what each detection counts as anomalous. Times are event
/// time (the calls' <c>occurred_at</c>), so a replay of the same events decides the same. Changing a setting applies to
/// usage observed afterwards; rebuild (<c>POST /api/v1/anomalies/rebuild</c>) to see what it would have decided.
/// </summary>
public sealed record AnomalyOptions
{
    public const string Section = "Anomaly";

    public RunOptions Runs { get; init; } = new();
    public TokenSpikeOptions TokenSpike { get; init; } = new();
    public VolumeSpikeOptions VolumeSpike { get; init; } = new();
    public OutputShiftOptions OutputShift { get; init; } = new();
    public PaceOptions Pace { get; init; } = new();
    public IncidentOptions Incidents { get; init; } = new();
}

/// <summary>A run closes once <see cref="IdleWindow"/> passed without a call of it: seen by later traffic of its
/// workflow, or by the sweep every <see cref="SweepInterval"/> of wall-clock time (zero: no sweep).</summary>
public sealed record RunOptions
{
    public TimeSpan IdleWindow { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(1);
}

/// <summary>A run above <see cref="DefaultFactor"/> × its expected tokens (the registered figure, else the median of
/// the workflow's last <see cref="BaselineRuns"/> closed runs once it has that many).</summary>
public sealed record TokenSpikeOptions
{
    public decimal DefaultFactor { get; init; } = 2.0m;
    public int BaselineRuns { get; init; } = 20;
}

/// <summary>An hour's calls at <see cref="Factor"/> × the mean of the <see cref="BaselineHours"/> before it (and at
/// least <see cref="MinimumCalls"/>), or its runs at <see cref="Factor"/> × the registered runs per day / 24 (and at
/// least <see cref="MinimumRuns"/>).</summary>
public sealed record VolumeSpikeOptions
{
    public decimal Factor { get; init; } = 3.0m;
    public int BaselineHours { get; init; } = 24;
    public long MinimumCalls { get; init; } = 100;
    public long MinimumRuns { get; init; } = 10;
}

/// <summary>The hour's mean output tokens per call at (1 + <see cref="DefaultThreshold"/>) × the mean of the
/// <see cref="BaselineHours"/> before it, with at least <see cref="MinimumCalls"/> calls in the hour and
/// <see cref="MinimumBaselineCalls"/> in the baseline. It has returned once the mean is back below (1 + threshold / 2) ×.</summary>
public sealed record OutputShiftOptions
{
    public decimal DefaultThreshold { get; init; } = 0.5m;
    public int BaselineHours { get; init; } = 24;
    public long MinimumCalls { get; init; } = 50;
    public long MinimumBaselineCalls { get; init; } = 200;
}

/// <summary>Month-to-date cost projected linearly to the month's end above the estimate, once at least
/// <see cref="MinimumElapsedShare"/> of the month is past; again in the month only at <see cref="WorseningFactor"/> ×
/// the projection last reported.</summary>
public sealed record PaceOptions
{
    public decimal MinimumElapsedShare { get; init; } = 0.2m;
    public decimal WorseningFactor { get; init; } = 1.25m;
}

/// <summary>While an incident of a kind and workflow is unresolved and its last detection is at most
/// <see cref="CoolDown"/> (event time) old, further detections join it instead of raising a new alert.</summary>
public sealed record IncidentOptions
{
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromHours(6);
}
