namespace AiFinOps.FaultTests.Scenarios;

/// <summary>
/// Something done to the running system once the load has been answered up to <paramref name="At"/> (0–1):
/// <paramref name="Strike"/> (kill, crash, stop) is awaited; <paramref name="Recover"/> (start again) runs in the
/// background while the load goes on, so the next fault can strike mid-load too.
/// </summary>
public sealed record Fault(double At, string Name, Func<Task> Strike, Func<Task> Recover);
