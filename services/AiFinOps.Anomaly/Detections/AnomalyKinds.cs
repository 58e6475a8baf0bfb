namespace AiFinOps.Anomaly.Detections;

/// <summary>The kinds of anomaly, as <c>AlertRaised.Kind</c> and the history's <c>kind</c> filter name them.</summary>
public static class AnomalyKinds
{
    public const string TokenSpike = "anomaly.token-spike";
    public const string VolumeSpike = "anomaly.volume-spike";
    public const string OutputShift = "anomaly.output-shift";
    public const string UnregisteredWorkflow = "anomaly.unregistered-workflow";
    public const string PaceOverEstimate = "anomaly.pace-over-estimate";

    public static IReadOnlyList<string> All { get; } = [TokenSpike, VolumeSpike, OutputShift, UnregisteredWorkflow, PaceOverEstimate];
}
