using System.Collections.Concurrent;
using AiFinOps.ServiceDefaults.Messaging;

namespace AiFinOps.Allocation.Repricing.Rerunning;

/// <summary>
/// Re-pricings an admin started, run in the background (a wide window can take many pages); the recent ones and
/// their progress stay readable. A run re-prices whatever differs from the catalogue now, so running one again —
/// after a failure, or for a change whose message was lost — books only what is still missing. A failed attempt is
/// retried as the same run on the consumers' schedule (<see cref="ConsumerRetry"/>): it continues after the pages it
/// booked and publishes them to budgets again, so a page booked but not confirmed by the broker still reaches them.
/// </summary>
public sealed class RepricingRuns(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RepricingRuns> logger)
{
    private const int Kept = 20;
    private readonly ConcurrentDictionary<string, RepricingRun> runs = new(StringComparer.Ordinal);

    public RepricingRun Start(string provider, string? model, DateTimeOffset from, DateTimeOffset to, string requestedBy)
    {
        var now = clock.GetUtcNow();
        var key = $"admin-{now:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid():N}"[..30];
        var scope = new RepricingScope(key, 0, $"re-run by {requestedBy}", provider, model, from < RepricingScope.Beginning ? RepricingScope.Beginning : from, to);
        var run = new RepricingRun(key, scope.Describe(), requestedBy, RepricingRun.Running, now, null, RepricingProgress.None, null);
        runs[key] = run;
        Forget();
        _ = Task.Run(() => RunAsync(scope));
        return run;
    }

    public RepricingRun? Find(string run) => runs.GetValueOrDefault(run);

    public IReadOnlyList<RepricingRun> Recent => runs.Values.OrderByDescending(r => r.StartedAt).ToList();

    private async Task RunAsync(RepricingScope scope)
    {
        // What failed attempts booked: a retry meets those pages booked and counts their calls, not their lines again.
        var earlier = RepricingProgress.None;
        for (var attempt = 1; ; attempt++)
        {
            var reported = RepricingProgress.None;
            try
            {
                await using var services = scopes.CreateAsyncScope();
                var repricer = services.ServiceProvider.GetRequiredService<UsageRepricer>();
                var progress = await repricer.RepriceAsync(scope, p =>
                {
                    reported = p;
                    Update(scope.Run, r => r with { Progress = p.WithBookedBefore(earlier) });
                }, CancellationToken.None);
                Update(scope.Run, r => r with { State = RepricingRun.Succeeded, FinishedAt = clock.GetUtcNow(), Progress = progress.WithBookedBefore(earlier), Error = null });
                return;
            }
            catch (Exception ex) when (attempt <= ConsumerRetry.IntervalsMs.Length)
            {
                earlier = reported.WithBookedBefore(earlier);
                logger.LogWarning(ex, "Re-pricing {Run} attempt {Attempt} failed; retrying it, after the pages it booked", scope.Run, attempt);
                Update(scope.Run, r => r with { Error = $"attempt {attempt} failed, retrying: {ex.Message}" });
                await Task.Delay(ConsumerRetry.IntervalsMs[attempt - 1]);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Re-pricing {Run} failed; the pages booked so far stay, run it again to finish", scope.Run);
                Update(scope.Run, r => r with { State = RepricingRun.Failed, FinishedAt = clock.GetUtcNow(), Error = ex.Message });
                return;
            }
        }
    }

    private void Update(string key, Func<RepricingRun, RepricingRun> change) => runs.AddOrUpdate(key, _ => throw new InvalidOperationException(), (_, r) => change(r));

    private void Forget()
    {
        foreach (var old in runs.Values.Where(r => r.State != RepricingRun.Running).OrderByDescending(r => r.StartedAt).Skip(Kept))
            runs.TryRemove(old.Run, out _);
    }
}

/// <summary>One admin re-pricing: what it covers, who asked, where it is.</summary>
public sealed record RepricingRun(string Run, string Scope, string RequestedBy, string State, DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt, RepricingProgress Progress, string? Error)
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
