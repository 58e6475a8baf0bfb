using System.Diagnostics;

namespace AiFinOps.FaultTests.Infrastructure;

/// <summary>
/// One OS process the tests own: started with its own environment, its stdout and stderr appended to
/// <c>{log folder}/{name}.log</c> (every start marked), waited for until <see cref="IsReady"/> answers, killed outright
/// (SIGKILL, as <c>kill -9</c>), stopped gracefully (SIGTERM) and started again with the same command line.
/// </summary>
public sealed class SupervisedProcess(string name, ProcessStartInfo command, Func<Task<bool>> isReady, string logFolder) : IAsyncDisposable
{
    private readonly Lock logLock = new();
    private Process? process;
    private int starts;

    public string Name => name;

    public string LogPath { get; } = Path.Combine(logFolder, name + ".log");

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Starts the process and waits until it is ready (a service's <c>/health</c>, a server's port).</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        if (IsRunning) throw new InvalidOperationException($"{name} is already running");
        command.RedirectStandardOutput = true;
        command.RedirectStandardError = true;
        command.UseShellExecute = false;
        Log($"=== start {++starts} at {DateTime.UtcNow:O}: {command.FileName} {string.Join(' ', command.ArgumentList)}");
        var started = Process.Start(command) ?? throw new InvalidOperationException($"{name} did not start");
        started.OutputDataReceived += (_, e) => { if (e.Data is not null) Log(e.Data); };
        started.ErrorDataReceived += (_, e) => { if (e.Data is not null) Log(e.Data); };
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
        await WaitReadyAsync(timeout);
    }

    /// <summary>SIGKILL: no shutdown hook runs, nothing is flushed, in-flight work is lost mid-way.</summary>
    public async Task KillAsync()
    {
        if (process is not { HasExited: false } running) return;
        Log($"=== kill -9 at {DateTime.UtcNow:O}");
        running.Kill(entireProcessTree: false);
        await running.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGTERM, then SIGKILL if the process has not stopped within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process is not { HasExited: false } running) return;
        Log($"=== SIGTERM at {DateTime.UtcNow:O}");
        using (var kill = Process.Start("kill", ["-TERM", running.Id.ToString()])) await kill.WaitForExitAsync();
        try
        {
            await running.WaitForExitAsync().WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            Log($"=== did not stop within {grace.TotalSeconds:F0} s: SIGKILL");
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync();
        }
    }

    /// <summary>Waits for the process to end by itself (a server stopped from outside, e.g. <c>pg_ctl stop</c>).</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        if (process is { } running) await running.WaitForExitAsync().WaitAsync(timeout);
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process is not { HasExited: false })
                throw new InvalidOperationException($"{name} exited with {process?.ExitCode} before it was ready; its log ({LogPath}) ends:\n{Tail()}");
            if (await isReady()) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"{name} was not ready within {timeout.TotalSeconds:F0} s; its log ({LogPath}) ends:\n{Tail()}");
    }

    private void Log(string line)
    {
        lock (logLock) File.AppendAllText(LogPath, line + Environment.NewLine);
    }

    public string Tail(int lines = 40)
    {
        lock (logLock) return File.Exists(LogPath) ? string.Join('\n', File.ReadLines(LogPath).TakeLast(lines)) : "(no log)";
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false } running)
        {
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync();
        }
        process?.Dispose();
    }
}
