namespace AiFinOps.Reporting.Maturity;

/// <summary>
/// Where the organisation stands on the FinOps phases Inform → Optimise → Operate (<see cref="Level"/>: the highest
/// whose criteria, and those of the phases before, are all met; <c>none</c> before Inform), the evidence each criterion
/// was judged on, and the concrete next steps to reach the next level.
/// </summary>
public sealed record MaturityAssessment(string Level, string NextLevel, IReadOnlyList<MaturityCriterion> Criteria, IReadOnlyList<string> NextSteps);

/// <summary>One criterion: the level it belongs to, what it asks, the evidence, and whether it is met.</summary>
public sealed record MaturityCriterion(string Level, string Criterion, string Evidence, bool Met);
