using AiFinOps.Anomaly.Calls;

namespace AiFinOps.Anomaly.Tests;

public sealed class ObservedCallTests
{
    [Fact]
    public void A_call_is_observed_with_its_run_tokens_and_effective_cost()
    {
        var call = ObservedCall.Of(Usages.Call("search", "triage", "run-1", input: 1_000, output: 200, cost: 0.25m));

        Assert.Equal(("run-1", 1_200L, 0.25m, true), (call.RunKey, call.Tokens, call.EffectiveCostUsd, call.Priced));
    }

    [Fact]
    public void An_unpriced_call_is_observed_without_a_cost()
    {
        var call = ObservedCall.Of(Usages.Call("search", "triage") with { Priced = false });

        Assert.Equal((0m, false, 200L), (call.EffectiveCostUsd, call.Priced, call.OutputTokens));
    }

    [Fact]
    public void A_call_without_a_run_id_is_a_run_of_its_own()
    {
        var usage = Usages.Call("search", "triage");

        Assert.Equal($"call-{usage.EventId}", ObservedCall.Of(usage).RunKey);
    }
}
