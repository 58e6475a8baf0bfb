using Spectre.Console;

namespace AiFinOps.Cli.Common;

/// <summary>
/// Progress on work that takes a while (a report, a statement, many budgets), drawn on standard error so that
/// <c>--json</c> and <c>--csv</c> on standard output stay clean; nothing is drawn when standard error is not a terminal.
/// </summary>
public static class Working
{
    private static readonly IAnsiConsole Status = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    private static bool Shown => !Console.IsErrorRedirected;

    /// <summary>A spinner with the elapsed time while one request runs.</summary>
    public static async Task<T> WhileAsync<T>(string what, Func<Task<T>> work)
    {
        if (!Shown) return await work();
        T result = default!;
        await Status.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(what), async context =>
        {
            var started = DateTime.UtcNow;
            var running = work();
            while (!running.IsCompleted)
            {
                context.Status($"{Markup.Escape(what)} [grey]{(DateTime.UtcNow - started).TotalSeconds:0}s[/]");
                await Task.WhenAny(running, Task.Delay(250));
            }
            result = await running;
        });
        return result;
    }

    /// <summary>A progress bar over <paramref name="items"/>, as <c>emit</c> shows its own, with one step per item.</summary>
    public static async Task<IReadOnlyList<TResult>> EachAsync<TItem, TResult>(string what, IReadOnlyList<TItem> items, Func<TItem, Task<TResult>> step)
    {
        var results = new List<TResult>(items.Count);
        if (!Shown || items.Count < 2)
        {
            foreach (var item in items) results.Add(await step(item));
            return results;
        }
        await Status.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(what), maxValue: items.Count);
                foreach (var item in items)
                {
                    results.Add(await step(item));
                    task.Increment(1);
                    task.Description = $"{Markup.Escape(what)} {results.Count:N0}/{items.Count:N0}";
                }
            });
        return results;
    }
}
