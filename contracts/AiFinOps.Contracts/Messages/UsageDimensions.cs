namespace AiFinOps.Contracts.Messages;

/// <summary>Shared vocabulary of the usage contract.</summary>
public static class UsageDimensions
{
    /// <summary>The explicit bucket for usage that carries no team, workflow or environment.</summary>
    public const string Untagged = "(untagged)";
}
