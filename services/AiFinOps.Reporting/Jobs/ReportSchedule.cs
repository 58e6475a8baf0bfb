using Hangfire;

namespace AiFinOps.Reporting.Jobs;

/// <summary>
/// The recurring report jobs, in UTC: the monthly report at 06:00 on the 1st for the month before (late usage has
/// had the night to arrive), the quarterly review pack at 07:00 on the first day of each quarter for the quarter before
/// (after that month's report, whose realised savings the maturity assessment reads).
/// </summary>
public static class ReportSchedule
{
    public const string MonthlyJobId = "monthly-ai-cost-report";
    public const string MonthlyCron = "0 6 1 * *";
    public const string QuarterlyJobId = "quarterly-review-pack";
    public const string QuarterlyCron = "0 7 1 1,4,7,10 *";

    public static void Register(IRecurringJobManager jobs)
    {
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        jobs.AddOrUpdate<ReportGenerator>(MonthlyJobId, g => g.MonthBeforeAsync(CancellationToken.None), MonthlyCron, utc);
        jobs.AddOrUpdate<ReportGenerator>(QuarterlyJobId, g => g.QuarterBeforeAsync(CancellationToken.None), QuarterlyCron, utc);
    }
}
