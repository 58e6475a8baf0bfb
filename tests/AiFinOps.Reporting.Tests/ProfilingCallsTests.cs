using AiFinOps.Contracts.Messages;
using AiFinOps.Reporting.Usage;
using AiFinOps.Reporting.Usage.RecordingUsage;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.Reporting.Tests;

/// <summary>The per-call rollups against the real PostgreSQL: exactly once, and what the review pack reads back.</summary>
public sealed class ProfilingCallsTests(ReportingApp app) : IClassFixture<ReportingApp>
{
    private static readonly DateTimeOffset July = new(2026, 7, 14, 9, 0, 0, TimeSpan.Zero);

    private ProfileCalls Profile => app.Services.GetRequiredService<ProfileCalls>();

    private static PricedUsage Call(string workflow, string fingerprint = "", int maxOutput = 0, long output = 100, DateTimeOffset? at = null) => new()
    {
        EventId = Guid.NewGuid().ToString("N"),
        OccurredAt = at ?? July,
        Provider = "openai",
        Model = "gpt-4o",
        InputTokens = 1000,
        OutputTokens = output,
        Team = "search",
        Workflow = workflow,
        Environment = "prod",
        PromptFingerprint = fingerprint,
        MaxOutputTokens = maxOutput,
        Priced = true,
    };

    [Fact]
    public async Task Calls_are_profiled_once_however_often_and_however_concurrently_they_are_delivered()
    {
        var workflow = Outcomes.NewName("wf");
        var calls = Enumerable.Range(0, 300).Select(i => Call(workflow, fingerprint: $"p{i % 30}", maxOutput: i % 3 == 0 ? 512 : 0, output: i % 2 == 0 ? 100 : 5000)).ToList();

        var profiled = await Task.WhenAll(
            BusRetry.RunAsync(() => Profile.HandleAsync(calls, default)),
            BusRetry.RunAsync(() => Profile.HandleAsync(calls.Take(150).ToList(), default)),
            BusRetry.RunAsync(() => Profile.HandleAsync([.. calls, .. calls], default)));
        Assert.Equal(0, await Profile.HandleAsync(calls, default));

        Assert.Equal(300, profiled.Sum());
        var profile = await ReadAsync(workflow);
        Assert.Equal((300L, 200L, 300L, 270L), (profile.Calls, profile.CallsWithoutOutputLimit, profile.CallsWithFingerprint, profile.RepeatedPromptCalls));
        Assert.Equal([150L, 0, 0, 150], profile.OutputLengthCalls);
    }

    [Fact]
    public async Task A_prompt_repeated_on_another_day_of_the_range_counts_as_repeated()
    {
        var workflow = Outcomes.NewName("wf");
        await Profile.HandleAsync([Call(workflow, "same", at: July), Call(workflow, "same", at: July.AddDays(3)), Call(workflow, "", at: July.AddDays(3))], default);

        var profile = await ReadAsync(workflow);

        Assert.Equal((3L, 2L, 1L), (profile.Calls, profile.CallsWithFingerprint, profile.RepeatedPromptCalls));
    }

    private async Task<CallProfile> ReadAsync(string workflow) =>
        (await app.Services.GetRequiredService<CallProfiles>().ReadAsync(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), default)).Single(p => p.Workflow == workflow);
}
