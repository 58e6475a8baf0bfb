namespace AiFinOps.Anomaly;

/// <summary>A bad input: which field, and why, in words a person understands.</summary>
public sealed record FieldError(string Field, string Reason);
