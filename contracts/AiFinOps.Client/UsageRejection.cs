using AiFinOps.Contracts.Usage.V1;

namespace AiFinOps.Client;

/// <summary>One event the server refused, with the field and a reason a person understands. Never retried.</summary>
public sealed record UsageRejection(UsageEvent? Event, string EventId, string Field, string Reason);
