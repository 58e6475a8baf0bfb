namespace AiFinOps.Anomaly.Workflows;

/// <summary>
/// What a team commits to when it launches a workflow: who owns it, what it is for, the models it calls, the unit of
/// value it delivers, what it should cost a month (decimal USD) and how it should behave — tokens per run, runs per
/// day. <see cref="TokenSpikeFactor"/> and <see cref="OutputShiftThreshold"/> override the service's defaults when set.
/// </summary>
public sealed record WorkflowTerms(
    string OwnerTeam,
    string Description,
    IReadOnlyList<string> Models,
    string ValueUnit,
    decimal? EstimatedMonthlyCostUsd,
    long? ExpectedTokensPerRun,
    decimal? ExpectedRunsPerDay,
    DateOnly? LaunchDate,
    decimal? TokenSpikeFactor,
    decimal? OutputShiftThreshold)
{
    /// <summary>Registered with a cost estimate: what the launch checklist asks for.</summary>
    public bool HasEstimate => EstimatedMonthlyCostUsd is > 0;
}
