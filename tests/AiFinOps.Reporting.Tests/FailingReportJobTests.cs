using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.Reporting;
using AiFinOps.Reporting.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.Reporting.Tests;

/// <summary>Reporting whose source services do not answer (nothing listens where it looks for them).</summary>
public sealed class UnreachableSourcesApp() : ServiceApp<Program>(ReportingModule.Name)
{
    protected override IEnumerable<string> Schemas => [Schema, JobStorageSchema.For(Schema)];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Reporting:ServiceKey", "a-service-key");
        foreach (var service in AiFinOps.Reporting.Sources.ReportSources.Services) builder.UseSetting($"Reporting:Sources:{service}", "http://127.0.0.1:9");
    }
}

/// <summary>A report job that cannot gather its inputs fails visibly and is retried by Hangfire.</summary>
public sealed class FailingReportJobTests(UnreachableSourcesApp app) : IClassFixture<UnreachableSourcesApp>
{
    [Fact]
    public async Task The_recurring_monthly_job_fails_when_allocation_does_not_answer_and_hangfire_schedules_its_retry()
    {
        app.Services.GetRequiredService<IRecurringJobManager>().Trigger(ReportSchedule.MonthlyJobId);
        var storage = app.Services.GetRequiredService<JobStorage>();

        var retried = await Eventually.MatchesAsync(
            () => Task.FromResult(storage.GetMonitoringApi().ScheduledJobs(0, 10)
                .Where(j => j.Value.Job?.Method.Name == nameof(ReportGenerator.MonthBeforeAsync)).Select(j => j.Key).ToList()),
            jobs => jobs.Count > 0, timeoutSeconds: 120);

        var history = storage.GetMonitoringApi().JobDetails(Assert.Single(retried)).History;
        Assert.Contains(history, h => h.StateName == "Scheduled" && h.Reason.StartsWith("Retry attempt 1 of 5", StringComparison.Ordinal));
        var failed = history.First(h => h.StateName == "Failed");
        Assert.True(failed.Data["ExceptionMessage"].StartsWith("allocation did not answer", StringComparison.Ordinal), failed.Data["ExceptionDetails"]);
    }

    [Fact]
    public async Task An_on_demand_run_whose_sources_do_not_answer_is_a_503_naming_the_job_that_retries_it()
    {
        using var response = await app.ClientWithKey(TestApiKeys.Admin).PostAsync("/api/v1/reports/quarterly/2026-Q3", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var jobId = problem.GetProperty("jobId").GetString()!;
        var details = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(jobId);
        Assert.Equal((nameof(ReportGenerator.QuarterlyJobAsync), "2026-Q3"), (details.Job.Method.Name, (string)details.Job.Args[0]));
    }
}
