namespace AiFinOps.ServiceDefaults.Security;

/// <summary>
/// Who presented a key and what it allows. Empty <see cref="Teams"/> or <see cref="Environments"/> mean
/// "not restricted"; otherwise the key sees and emits only for the listed values.
/// </summary>
public sealed record ApiKeyIdentity(
    string KeyId,
    string Name,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Teams,
    IReadOnlyList<string> Environments)
{
    public bool HasScope(string scope) => ApiScopes.Grants(Scopes, scope);

    public bool IsTeamRestricted => Teams.Count > 0;

    public bool AllowsTeam(string team) => Teams.Count == 0 || Teams.Contains(team, StringComparer.Ordinal);

    public bool AllowsEnvironment(string environment) =>
        Environments.Count == 0 || Environments.Contains(environment, StringComparer.Ordinal);
}
