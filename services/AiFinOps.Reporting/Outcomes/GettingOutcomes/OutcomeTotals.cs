namespace AiFinOps.Reporting.Outcomes.GettingOutcomes;

/// <summary>How many units of value a workflow delivered in the window.</summary>
public sealed record WorkflowOutcome(string Workflow, string Unit, double Quantity, long Outcomes);

public sealed record OutcomeTotals(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<WorkflowOutcome> Workflows);
