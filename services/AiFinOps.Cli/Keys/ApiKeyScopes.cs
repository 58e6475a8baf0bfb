namespace AiFinOps.Cli.Keys;

/// <summary>The scopes ingest knows: admin implies every scope; finance implies read.</summary>
public static class ApiKeyScopes
{
    public static readonly IReadOnlyList<string> All = ["ingest", "read", "finance", "admin"];
}
