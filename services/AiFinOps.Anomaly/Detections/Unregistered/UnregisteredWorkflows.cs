using AiFinOps.Anomaly.Workflows;

namespace AiFinOps.Anomaly.Detections.Unregistered;

/// <summary>The launch-checklist rule, pure: spend from a workflow without an active registration with an estimate, once a month.</summary>
public static class UnregisteredWorkflows
{
    /// <summary>Why the workflow is off the checklist, or null when it is on it.</summary>
    public static string? ReasonFor(Workflow? registration) => registration switch
    {
        null => UnregisteredWorkflowSeen.NotRegistered,
        { Retired: true } => UnregisteredWorkflowSeen.Retired,
        { Terms.HasEstimate: false } => UnregisteredWorkflowSeen.NoEstimate,
        _ => null,
    };

    public static UnregisteredWorkflowSeen? Decide(string workflow, Workflow? registration, string? lastReportedMonth, string month,
        DateTimeOffset latestCallAt, string team, long callsThisMonth, decimal spentThisMonthUsd)
    {
        if (workflow == Contracts.Messages.UsageDimensions.Untagged || lastReportedMonth == month) return null;
        return ReasonFor(registration) is { } reason
            ? new UnregisteredWorkflowSeen(workflow, team, month, latestCallAt, reason, callsThisMonth, spentThisMonthUsd)
            : null;
    }
}
