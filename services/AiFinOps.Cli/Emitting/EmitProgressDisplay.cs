using System.Diagnostics;
using AiFinOps.Client;
using Spectre.Console;

namespace AiFinOps.Cli.Emitting;

/// <summary>A live progress bar with the emit rate and the server's answers so far.</summary>
public static class EmitProgressDisplay
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    public static Task ShowAsync(EmitSettings settings, EmitProgress progress, UsageEmitter emitter, Task emitting, Stopwatch clock) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var goal = settings.Limit is { } limit ? (double)limit : settings.Duration!.Value.TotalSeconds;
                var task = context.AddTask("starting", maxValue: goal);
                var (lastSent, lastTime) = (0L, TimeSpan.Zero);
                void Update(string phase, bool average = false)
                {
                    var (sent, now) = (progress.Sent, clock.Elapsed);
                    var (since, from) = average ? (0L, TimeSpan.Zero) : (lastSent, lastTime);
                    var rate = now > from ? (sent - since) / (now - from).TotalSeconds : 0;
                    (lastSent, lastTime) = (sent, now);
                    var s = emitter.Statistics;
                    task.Value = Math.Min(goal, settings.Limit is null ? now.TotalSeconds : sent);
                    task.Description =
                        $"{phase} [bold]{rate,8:N0}/s[/]  sent {sent:N0}  [green]accepted {s.Accepted:N0}[/]  " +
                        $"[yellow]duplicates {s.Duplicates:N0}[/]  [red]rejected {s.Rejected:N0}[/]  " +
                        $"retries {s.Retries:N0}  in flight {s.InFlight + s.Buffered:N0}";
                }

                while (!emitting.IsCompleted)
                {
                    Update("emitting");
                    await Task.WhenAny(emitting, Task.Delay(Refresh));
                }
                var draining = emitter.DisposeAsync().AsTask();
                while (!draining.IsCompleted)
                {
                    Update("sending ");
                    await Task.WhenAny(draining, Task.Delay(Refresh));
                }
                await Task.WhenAll(emitting, draining);
                Update("done    ", average: true);
                task.StopTask();
            });
}
