namespace AiFinOps.Reporting.Outcomes.GettingOutcomes;

/// <summary>Units of value a workflow delivered in one month (<c>yyyy-MM</c>, UTC).</summary>
public sealed record MonthlyOutcome(string Workflow, string Unit, string Month, double Quantity);
