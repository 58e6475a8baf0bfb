namespace AiFinOps.Cli.Emitting;

public sealed record SyntheticTeam(string Name, string CostCentre, double Weight, IReadOnlyList<SyntheticWorkflow> Workflows);
