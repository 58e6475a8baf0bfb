using AiFinOps.Contracts.Usage.V1;

namespace AiFinOps.Cli.Emitting;

/// <param name="IsResend">A copy of an event already generated, same event_id: what a retrying app sends.</param>
public readonly record struct SyntheticEvent(UsageEvent Usage, bool IsResend);
