using AiFinOps.Client;

namespace AiFinOps.Cli.Emitting;

/// <summary>
/// Adds up, per team, the events the server has accepted: every event of an answered batch that was not rejected,
/// each event_id once (a resend the server reports as a duplicate was already counted with its original).
/// </summary>
public sealed class AcceptedTally(bool resendsPossible)
{
    private readonly Lock _lock = new();
    private readonly HashSet<Guid> _counted = [];
    private readonly Dictionary<string, long[]> _teams = new(StringComparer.Ordinal);

    public void Record(BatchCompletion completion)
    {
        var rejected = completion.Result.Rejected.Select(r => r.Index).ToHashSet();
        lock (_lock)
        {
            for (var index = 0; index < completion.Events.Count; index++)
            {
                var usage = completion.Events[index];
                if (rejected.Contains(index)) continue;
                // Only resends can repeat an id here, so the set (16 bytes an event) is kept only when there are some.
                if (resendsPossible && Guid.TryParse(usage.EventId, out var id) && !_counted.Add(id)) continue;
                var team = usage.Team is { Length: > 0 } name ? name : "(untagged)";
                if (!_teams.TryGetValue(team, out var sums)) _teams[team] = sums = new long[6];
                sums[0]++;
                sums[1] += usage.InputTokens;
                sums[2] += usage.OutputTokens;
                sums[3] += usage.CacheReadTokens;
                sums[4] += usage.CacheWriteTokens;
                sums[5] += usage.ReasoningTokens;
            }
        }
    }

    public IReadOnlyList<TeamTotals> Teams()
    {
        lock (_lock)
        {
            return [.. _teams.OrderBy(t => t.Key, StringComparer.Ordinal)
                .Select(t => new TeamTotals(t.Key, t.Value[0], t.Value[1], t.Value[2], t.Value[3], t.Value[4], t.Value[5]))];
        }
    }
}
