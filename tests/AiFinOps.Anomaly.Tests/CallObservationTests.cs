using AiFinOps.Anomaly.Calls;
using AiFinOps.Anomaly.Calls.ObservingCalls;

namespace AiFinOps.Anomaly.Tests;

public sealed class CallObservationTests
{
    [Fact]
    public void Calls_whose_stream_already_exists_are_not_observed_again()
    {
        var known = Usages.Call("search", "triage");
        var fresh = Usages.Call("search", "triage");

        var observed = CallObservation.NewObservations([known, fresh], new HashSet<string> { CallObserved.StreamKey(known.EventId) });

        Assert.Equal([fresh.EventId], observed.Select(o => o.EventId));
    }

    [Fact]
    public void A_call_repeated_within_one_batch_is_observed_once()
    {
        var call = Usages.Call("search", "triage", runId: "run-1");

        var observed = Assert.Single(CallObservation.NewObservations([call, call], new HashSet<string>()));
        Assert.Equal("run-1", observed.RunId);
    }

    [Fact]
    public void An_unpriced_call_is_observed_without_a_cost()
    {
        var observed = CallObservation.Observation(Usages.Call("search", "triage") with { Priced = false });

        Assert.Null(observed.EffectiveCostUsd);
        Assert.Equal(200, observed.OutputTokens);
    }
}
