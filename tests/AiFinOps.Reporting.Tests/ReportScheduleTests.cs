using AiFinOps.Reporting.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.Reporting.Tests;

/// <summary>The recurring report jobs as Hangfire stored them in PostgreSQL.</summary>
public sealed class ReportScheduleTests(ReportingApp app) : IClassFixture<ReportingApp>
{
    [Fact]
    public void The_monthly_report_runs_on_the_1st_and_the_review_pack_on_each_quarters_first_day_in_utc()
    {
        _ = app.Server;
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id);

        var monthly = jobs[ReportSchedule.MonthlyJobId];
        var quarterly = jobs[ReportSchedule.QuarterlyJobId];
        Assert.Equal(("0 6 1 * *", "UTC", nameof(ReportGenerator.MonthBeforeAsync)), (monthly.Cron, monthly.TimeZoneId, monthly.Job.Method.Name));
        Assert.Equal(("0 7 1 1,4,7,10 *", "UTC", nameof(ReportGenerator.QuarterBeforeAsync)), (quarterly.Cron, quarterly.TimeZoneId, quarterly.Job.Method.Name));
        // Hangfire's own reading of the schedules: the next runs it stored.
        Assert.Equal((1, 6, 0), (monthly.NextExecution!.Value.Day, monthly.NextExecution.Value.Hour, monthly.NextExecution.Value.Minute));
        Assert.Equal((1, 7), (quarterly.NextExecution!.Value.Day, quarterly.NextExecution.Value.Hour));
        Assert.Contains(quarterly.NextExecution.Value.Month, new[] { 1, 4, 7, 10 });
    }
}
