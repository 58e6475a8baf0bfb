namespace AiFinOps.Anomaly.Runs;

/// <summary>Calls that share a run id form one run; a call without a run id is a run of its own.</summary>
public static class RunKey
{
    public static string Of(string runId, string eventId) =>
        string.IsNullOrWhiteSpace(runId) ? $"call-{eventId}" : runId;
}
