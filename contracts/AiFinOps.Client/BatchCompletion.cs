using AiFinOps.Contracts.Usage.V1;

namespace AiFinOps.Client;

/// <summary>A batch the server answered: its events, the server's verdict, and how many attempts it took.</summary>
public sealed record BatchCompletion(IReadOnlyList<UsageEvent> Events, BatchResult Result, int Attempts);
