using AiFinOps.Reporting.Monthly;
using AiFinOps.Reporting.Periods;
using AiFinOps.Reporting.Publishing;
using AiFinOps.Reporting.Quarterly;
using AiFinOps.Reporting.Storing;
using Hangfire;

namespace AiFinOps.Reporting.Jobs;

/// <summary>
/// Generates reports, on schedule (Hangfire's recurring jobs) or on demand (the API, the CLI): gather the inputs,
/// compute the report with the pure functions, store it as a new version only when its content changed, then publish it.
/// Idempotent: the same inputs give the same version. A failure throws, so Hangfire retries the job and shows it.
/// Across replicas, Hangfire's scheduler enqueues each recurring occurrence once (its PostgreSQL storage's distributed
/// locks); a report triggered twice at once (two replicas, the dashboard and the schedule) runs one job at a time per
/// kind (<see cref="DisableConcurrentExecutionAttribute"/>), so the second meets the first's version instead of
/// racing it to the stream.
/// </summary>
public sealed class ReportGenerator(MonthlyInputsGatherer monthly, ReviewPackInputsGatherer quarterly, ReportStore store,
    ReportPublisher publisher, TimeProvider clock, ILogger<ReportGenerator> logger)
{
    private const string MonthlyLock = "reporting:monthly-report";
    private const string QuarterlyLock = "reporting:quarterly-review-pack";
    private const int LockTimeoutSeconds = 600;

    /// <summary>The recurring job of the 1st: the month before. (Jobs return nothing: Hangfire would store the report as the job's result.)</summary>
    [AutomaticRetry(Attempts = 5)]
    [DisableConcurrentExecution(MonthlyLock, LockTimeoutSeconds)]
    [JobDisplayName("Monthly AI cost report for the month before")]
    public async Task MonthBeforeAsync(CancellationToken ct) => await MonthlyAsync(ReportPeriod.MonthBefore(clock.GetUtcNow()).Key, ct);

    /// <summary>The recurring job of a quarter's first day: the quarter before.</summary>
    [AutomaticRetry(Attempts = 5)]
    [DisableConcurrentExecution(QuarterlyLock, LockTimeoutSeconds)]
    [JobDisplayName("Quarterly review pack for the quarter before")]
    public async Task QuarterBeforeAsync(CancellationToken ct) => await QuarterlyAsync(ReportPeriod.QuarterBefore(clock.GetUtcNow()).Key, ct);

    /// <summary>A month's report as a background job: what an on-demand run leaves to Hangfire when a source did not answer.</summary>
    [AutomaticRetry(Attempts = 5)]
    [DisableConcurrentExecution(MonthlyLock, LockTimeoutSeconds)]
    [JobDisplayName("Monthly AI cost report {0}")]
    public async Task MonthlyJobAsync(string month, CancellationToken ct) => await MonthlyAsync(month, ct);

    /// <summary>A quarter's review pack as a background job.</summary>
    [AutomaticRetry(Attempts = 5)]
    [DisableConcurrentExecution(QuarterlyLock, LockTimeoutSeconds)]
    [JobDisplayName("Quarterly review pack {0}")]
    public async Task QuarterlyJobAsync(string quarter, CancellationToken ct) => await QuarterlyAsync(quarter, ct);

    public async Task<StoredVersion> MonthlyAsync(string month, CancellationToken ct)
    {
        var period = ReportPeriod.ParseMonth(month, out var reason) ?? throw new ArgumentException(reason, nameof(month));
        var report = MonthlyReporting.Compute(await monthly.GatherAsync(period, ct));
        return await StoreAndPublishAsync(new ReportGenerated(ReportKinds.Monthly, period.Key, ReportContent.Hash(report), clock.GetUtcNow(), report, null), ct);
    }

    public async Task<StoredVersion> QuarterlyAsync(string quarter, CancellationToken ct)
    {
        var period = ReportPeriod.ParseQuarter(quarter, out var reason) ?? throw new ArgumentException(reason, nameof(quarter));
        var pack = ReviewPacking.Compute(await quarterly.GatherAsync(period, ct));
        return await StoreAndPublishAsync(new ReportGenerated(ReportKinds.Quarterly, period.Key, ReportContent.Hash(pack), clock.GetUtcNow(), null, pack), ct);
    }

    private async Task<StoredVersion> StoreAndPublishAsync(ReportGenerated generated, CancellationToken ct)
    {
        var stored = await store.SaveAsync(generated, ct);
        await publisher.PublishAsync(stored.Report, ct);
        logger.LogInformation("Report {Kind} {Period}: version {Version} ({Outcome})", generated.Kind, generated.Period, stored.Report.Version,
            stored.Added ? "new" : "unchanged");
        return stored;
    }
}
