using System.Diagnostics;
using AiFinOps.Cli.Common;
using AiFinOps.Client;
using Spectre.Console;

namespace AiFinOps.Cli.Emitting;

/// <summary>Generates, paces and emits the events, shows progress, and summarises what the server accepted.</summary>
public static class EmitRun
{
    public static async Task<int> RunAsync(EmitSettings settings, CancellationToken cancellationToken)
    {
        if (settings.ApiKey is null)
        {
            return Output.Error($"No API key: pass --key or set {CommonOptions.ApiKeyVariable} " +
                "(an admin issues one with: aifinops keys create --name emitter --scopes ingest).");
        }
        var generator = new SyntheticUsage(settings.Seed, settings.DuplicatesPercent / 100, settings.Teams, settings.Environments);
        var tally = new AcceptedTally(resendsPossible: settings.DuplicatesPercent > 0);
        var failures = new EmitFailures();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, failures.Stop.Token);
        var emitter = UsageEmitter.Create(new UsageEmitterOptions
        {
            Endpoint = settings.Endpoint,
            ApiKey = settings.ApiKey,
            BatchSize = settings.BatchSize,
            BufferCapacity = Math.Max(10_000, settings.BatchSize * 8),
            MaxConcurrentBatches = 4,
            // Rides out a broker restart (~15 s of retries) but says "not reachable" well within a minute.
            MaxAttempts = 8,
            MaxBackoff = TimeSpan.FromSeconds(5),
        });
        emitter.BatchCompleted += tally.Record;
        emitter.Rejected += failures.Rejected;
        emitter.BatchFailed += failures.BatchFailed;

        var progress = new EmitProgress();
        var clock = Stopwatch.StartNew();
        var emitting = EmitAsync(generator, emitter, settings, progress, clock, stop.Token);
        if (settings.Json || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            await emitting;
            await emitter.DisposeAsync();
        }
        else
        {
            await EmitProgressDisplay.ShowAsync(settings, progress, emitter, emitting, clock);
        }
        clock.Stop();

        var statistics = emitter.Statistics;
        var summary = new EmitSummary(
            settings.Seed, settings.Endpoint.ToString(), Math.Round(clock.Elapsed.TotalSeconds, 3),
            progress.Sent, progress.Resent, statistics.Accepted, statistics.Duplicates, statistics.Rejected, statistics.Failed,
            statistics.Retries, statistics.Batches, Math.Round(progress.Sent / Math.Max(clock.Elapsed.TotalSeconds, 0.001), 1),
            tally.Teams(), failures.Rejections, failures.Describe(settings.Endpoint));
        if (settings.Json) Output.Json(summary);
        else EmitReport.Print(summary);
        if (summary.Failure is { } failure && settings.Json) Output.Error(failure);
        return summary.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task EmitAsync(
        SyntheticUsage generator, UsageEmitter emitter, EmitSettings settings, EmitProgress progress, Stopwatch clock,
        CancellationToken stop)
    {
        await Task.Yield();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (settings.Limit is { } limit && progress.Sent >= limit) break;
                if (settings.Duration is { } duration && clock.Elapsed >= duration) break;
                if (settings.Rate is { } rate && progress.Sent >= (long)(clock.Elapsed.TotalSeconds * rate) + 1)
                {
                    var next = TimeSpan.FromSeconds((progress.Sent) / rate) - clock.Elapsed;
                    await Task.Delay(next > TimeSpan.FromMilliseconds(1) ? next : TimeSpan.FromMilliseconds(1), stop);
                    continue;
                }
                var synthetic = generator.Next(DateTimeOffset.UtcNow);
                await emitter.EmitAsync(synthetic.Usage, stop);
                progress.Emitted(synthetic.IsResend);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C, or a batch was given up on: stop generating; what is buffered is still sent.
        }
    }
}
