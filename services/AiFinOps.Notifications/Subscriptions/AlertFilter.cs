using System.Text.RegularExpressions;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Notifications.Subscriptions;

/// <summary>
/// Which alerts a subscription wants. <see cref="Kinds"/>: exact kinds (<c>budget.threshold</c>) or prefixes
/// (<c>budget.*</c>, <c>*</c>); none means every kind. <see cref="Team"/>: only alerts about that team.
/// <see cref="MinSeverity"/>: only alerts at least that severe. Every condition given must hold.
/// </summary>
public sealed record AlertFilter(IReadOnlyList<string> Kinds, string? Team, string? MinSeverity)
{
    public static readonly AlertFilter Everything = new([], null, null);

    private static readonly Regex KindPattern = new(@"^(\*|[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*(\.\*)?)$", RegexOptions.CultureInvariant);

    public bool Matches(AlertRaised alert) =>
        (Kinds.Count == 0 || Kinds.Any(k => KindMatches(k, alert.Kind)))
        && (Team is null || string.Equals(Team, alert.Team, StringComparison.Ordinal))
        && (MinSeverity is null || Severities.Rank(alert.Severity) >= Severities.Rank(MinSeverity));

    public static bool KindMatches(string pattern, string kind)
    {
        if (pattern == "*") return true;
        return pattern.EndsWith(".*", StringComparison.Ordinal)
            ? kind.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, kind, StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsKindPattern(string pattern) => KindPattern.IsMatch(pattern);
}
