namespace AiFinOps.ServiceDefaults.Security;

/// <summary>What an API key may do. <c>admin</c> implies every scope; <c>finance</c> implies <c>read</c>.</summary>
public static class ApiScopes
{
    public const string Ingest = "ingest";
    public const string Read = "read";
    public const string Finance = "finance";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Ingest, Read, Finance, Admin];

    public static bool IsKnown(string scope) => All.Contains(scope);

    public static bool Grants(IEnumerable<string> granted, string required) => granted.Any(g =>
        g == required || g == Admin || (g == Finance && required == Read));
}
