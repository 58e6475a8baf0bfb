namespace AiFinOps.Ingest.Recording;

/// <summary>Why one event of a batch was refused: the contract field and a reason a person understands.</summary>
public sealed record EventRejection(string Field, string Reason);
