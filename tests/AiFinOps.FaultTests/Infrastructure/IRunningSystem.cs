namespace AiFinOps.FaultTests.Infrastructure;

/// <summary>Where a running AiFinOps answers, however it was started (processes of the test's own, or the AppHost).</summary>
public interface IRunningSystem
{
    Uri IngestGrpc { get; }

    /// <summary>A service's REST endpoint: ingest, allocation, budgeting, anomaly, reporting or notifications.</summary>
    Uri Address(string service);

    string DatabaseConnection { get; }

    /// <summary>The queue a consumer reads priced usage from (notifications: alerts).</summary>
    string ConsumerQueue(string consumer);
}
