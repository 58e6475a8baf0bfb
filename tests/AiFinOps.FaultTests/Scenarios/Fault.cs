namespace AiFinOps.FaultTests.Scenarios;

/// <summary>Something done to the running system once the load has been answered up to <paramref name="At"/> (0–1).</summary>
public sealed record Fault(double At, string Name, Func<Task> Act);
