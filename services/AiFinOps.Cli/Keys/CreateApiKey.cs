namespace AiFinOps.Cli.Keys;

/// <summary>The body of <c>POST /api/v1/keys</c>. Empty teams or environments mean "not restricted".</summary>
public sealed record CreateApiKey(string Name, string[] Scopes, string[] Teams, string[] Environments);
