using AiFinOps.Anomaly.Runs;

namespace AiFinOps.Anomaly.Tests;

public sealed class RunKeyTests
{
    [Fact]
    public void Calls_sharing_a_run_id_fold_into_one_run() =>
        Assert.Equal(RunKey.Of("run-7", "event-1"), RunKey.Of("run-7", "event-2"));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_call_without_a_run_id_is_a_run_of_its_own(string runId)
    {
        Assert.Equal("call-event-1", RunKey.Of(runId, "event-1"));
        Assert.NotEqual(RunKey.Of(runId, "event-1"), RunKey.Of(runId, "event-2"));
    }
}
