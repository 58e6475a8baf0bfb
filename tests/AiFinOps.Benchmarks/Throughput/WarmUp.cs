using System.Diagnostics;
using System.Runtime;

namespace AiFinOps.Benchmarks.Throughput;

/// <summary>
/// Loads the system until the runtime has compiled its hot code, so the measurement after it is the sustained rate of
/// a running system and not its start. .NET compiles each method quickly first and again, optimised with what it
/// observed, once it is called often; with ingest, three consumers, PostgreSQL and RabbitMQ sharing 2 cores that
/// recompiling took up to half the services' CPU for the first two minutes and more at full load. Warm is when the JIT spent less
/// than <see cref="SettledJitShare"/> of one core over the last 10 s (every service runs in this process, so
/// <see cref="JitInfo"/> counts theirs), or after <c>longest</c> at most. The warm-up's events are recorded like any
/// other — the consumers must hold them before the measurement starts, and the reconciliation counts them.
/// </summary>
public static class WarmUp
{
    private const double SettledJitShare = 0.03;

    /// <summary>
    /// A moderate load: every code path runs often enough to be recompiled, and the compiler gets the CPU to do it
    /// (at full load it competed with everything else and took minutes).
    /// </summary>
    private const double Rate = 2_000;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    public static async Task<(long Accepted, long Failed)> RunAsync(Uri endpoint, string apiKey, int senders, int batchSize, TimeSpan longest)
    {
        Console.WriteLine($"warm-up: {Rate:N0} events/s until the JIT spends < {SettledJitShare:P0} of a core over {Window.TotalSeconds:F0} s (at most {longest.TotalSeconds:F0} s)");
        var load = new LoadSenders(endpoint, apiKey, senders, batchSize, rate: Rate, seedBase: 2_000);
        using var stop = new CancellationTokenSource();
        var sending = load.RunAsync(stop.Token);
        var clock = Stopwatch.StartNew();
        var jitAtWindowStart = JitInfo.GetCompilationTime();
        var methodsAtWindowStart = JitInfo.GetCompiledMethodCount();
        var accepted = 0L;
        while (clock.Elapsed < longest && !sending.IsCompleted)
        {
            await Task.WhenAny(sending, Task.Delay(Window));
            var jit = JitInfo.GetCompilationTime() - jitAtWindowStart;
            jitAtWindowStart += jit;
            var methods = JitInfo.GetCompiledMethodCount() - methodsAtWindowStart;
            methodsAtWindowStart += methods;
            var rate = (load.Accepted - accepted) / Window.TotalSeconds;
            accepted = load.Accepted;
            Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:F0} s  accepted {accepted,11:N0}  ({rate:N0}/s)  JIT {jit.TotalSeconds:F2} s, {methods:N0} methods in the last {Window.TotalSeconds:F0} s");
            if (jit.TotalSeconds < SettledJitShare * Window.TotalSeconds) break;
        }
        await stop.CancelAsync();
        await sending;
        Console.WriteLine($"warm-up done after {clock.Elapsed.TotalSeconds:F0} s: {load.Accepted:N0} accepted, {load.Failed:N0} failed");
        return (load.Accepted, load.Failed);
    }
}
