using AiFinOps.ServiceDefaults.Security;

namespace AiFinOps.Anomaly;

/// <summary>Which teams a read covers: the requested team when the key may see it, else all the key may see.</summary>
public static class TeamScope
{
    /// <summary>False when the key may not see the requested team. <paramref name="teams"/> null means every team.</summary>
    public static bool TryResolve(ApiKeyIdentity key, string? team, out string[]? teams)
    {
        if (team is not null)
        {
            teams = [team];
            return key.AllowsTeam(team);
        }
        teams = key.IsTeamRestricted ? key.Teams.ToArray() : null;
        return true;
    }
}
