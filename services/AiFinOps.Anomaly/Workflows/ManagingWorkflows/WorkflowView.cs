namespace AiFinOps.Anomaly.Workflows.ManagingWorkflows;

/// <summary>
/// A workflow as the REST API shows it: its terms (<see cref="TokenSpikeFactor"/> and <see cref="OutputShiftThreshold"/>
/// null when it follows the service's defaults), the thresholds in force, and <see cref="Missing"/>, the launch-checklist
/// items it has not filled in (an estimated monthly cost above all).
/// </summary>
public sealed record WorkflowView(
    string Name,
    string OwnerTeam,
    string Description,
    IReadOnlyList<string> Models,
    string ValueUnit,
    decimal? EstimatedMonthlyCostUsd,
    long? ExpectedTokensPerRun,
    decimal? ExpectedRunsPerDay,
    DateOnly? LaunchDate,
    decimal? TokenSpikeFactor,
    decimal? OutputShiftThreshold,
    decimal EffectiveTokenSpikeFactor,
    decimal EffectiveOutputShiftThreshold,
    IReadOnlyList<string> Missing,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt,
    bool Retired)
{
    public static WorkflowView Of(Workflow w, AnomalyOptions options)
    {
        var t = w.Terms;
        var missing = new List<string>();
        if (!t.HasEstimate) missing.Add("estimatedMonthlyCostUsd");
        if (t.ExpectedTokensPerRun is null) missing.Add("expectedTokensPerRun");
        if (t.ExpectedRunsPerDay is null) missing.Add("expectedRunsPerDay");
        if (t.ValueUnit.Length == 0) missing.Add("valueUnit");
        if (t.Description.Length == 0) missing.Add("description");
        if (t.Models.Count == 0) missing.Add("models");
        return new(w.Name, t.OwnerTeam, t.Description, t.Models, t.ValueUnit, t.EstimatedMonthlyCostUsd, t.ExpectedTokensPerRun,
            t.ExpectedRunsPerDay, t.LaunchDate, t.TokenSpikeFactor, t.OutputShiftThreshold, t.TokenSpikeFactor ?? options.TokenSpike.DefaultFactor,
            t.OutputShiftThreshold ?? options.OutputShift.DefaultThreshold, missing, w.RegisteredAt, w.UpdatedAt, w.Retired);
    }
}
