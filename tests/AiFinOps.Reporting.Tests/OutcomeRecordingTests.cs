using AiFinOps.Reporting.Outcomes;
using AiFinOps.Reporting.Outcomes.RecordingOutcomes;

namespace AiFinOps.Reporting.Tests;

public sealed class OutcomeRecordingTests
{
    [Fact]
    public void Outcomes_whose_stream_already_exists_are_not_recorded_again()
    {
        var known = Outcomes.Delivered("support", "triage", "ticket", 1);
        var fresh = Outcomes.Delivered("support", "triage", "ticket", 2);

        var recorded = OutcomeRecording.NewOutcomes([known, fresh], new HashSet<string> { OutcomeRecorded.StreamKey(known.EventId) });

        Assert.Equal([fresh.EventId], recorded.Select(o => o.EventId));
    }

    [Fact]
    public void An_outcome_repeated_within_one_batch_is_recorded_once()
    {
        var outcome = Outcomes.Delivered("support", "triage", "ticket", 3);

        var recorded = Assert.Single(OutcomeRecording.NewOutcomes([outcome, outcome], new HashSet<string>()));
        Assert.Equal(("triage", "ticket", 3.0), (recorded.Workflow, recorded.Unit, recorded.Quantity));
    }
}
