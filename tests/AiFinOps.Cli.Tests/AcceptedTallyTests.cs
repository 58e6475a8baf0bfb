using AiFinOps.Cli.Emitting;
using AiFinOps.Client;
using AiFinOps.Contracts.Usage.V1;

namespace AiFinOps.Cli.Tests;

public sealed class AcceptedTallyTests
{
    [Fact]
    public void Rejected_events_are_left_out_and_a_resent_event_counts_once()
    {
        var events = SyntheticUsageTests.Generate(21, 400, resendShare: 0.2);
        var batches = events.Select(e => e.Usage).Chunk(100).ToList();
        // An event never resent: the server would reject its resends too.
        var rejectedIndex = Array.FindIndex(batches[0], e => events.Count(other => other.Usage.EventId == e.EventId) == 1);
        var rejected = batches[0][rejectedIndex];
        var tally = new AcceptedTally(resendsPossible: true);

        foreach (var (batch, number) in batches.Select((b, i) => (b, i)))
        {
            var result = new BatchResult();
            if (number == 0) result.Rejected.Add(new Rejection { Index = rejectedIndex, EventId = rejected.EventId, Field = "team", Reason = "no" });
            tally.Record(new BatchCompletion(batch, result, Attempts: 1));
        }

        var expected = events.Where(e => !e.IsResend && e.Usage.EventId != rejected.EventId).Select(e => e.Usage).ToList();
        var teams = tally.Teams();
        Assert.Equal(expected.Count, teams.Sum(t => t.Events));
        Assert.Equal(expected.Sum(e => e.InputTokens), teams.Sum(t => t.InputTokens));
        Assert.Equal(expected.Sum(e => e.ReasoningTokens), teams.Sum(t => t.ReasoningTokens));
        Assert.Equal(
            expected.GroupBy(e => e.Team).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, (long)g.Count())),
            teams.Select(t => (t.Team, t.Events)));
    }
}
