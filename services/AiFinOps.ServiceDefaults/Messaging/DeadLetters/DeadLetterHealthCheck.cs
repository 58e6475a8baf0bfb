using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiFinOps.ServiceDefaults.Messaging.DeadLetters;

/// <summary>
/// <c>dead-letters</c>: Degraded while any of the service's dead-letter queues holds a message — usage or alerts
/// that failed every retry are kept there, and the totals miss them until they are replayed. Degraded, not Unhealthy:
/// the service works and keeps consuming; the probe answers 200 and says what waits where. The broker is asked at most
/// every <see cref="CacheFor"/>, however often the probe runs.
/// </summary>
public sealed class DeadLetterHealthCheck(DeadLetterQueues deadLetters) : IHealthCheck
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private Answer? last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (last is { } cached && Environment.TickCount64 - cached.At < CacheFor.TotalMilliseconds) return cached.Result;
        HealthCheckResult result;
        try
        {
            result = Describe(deadLetters.Service, await deadLetters.CountAsync(cancellationToken));
        }
        catch (Exception e) when (DeadLetterQueues.IsBrokerFailure(e))
        {
            result = HealthCheckResult.Degraded($"dead-letter queues not counted: the broker does not answer ({e.Message})");
        }
        last = new Answer(result, Environment.TickCount64);
        return result;
    }

    /// <summary>Healthy when nothing is parked; otherwise Degraded, naming each queue, its count and what to do.</summary>
    public static HealthCheckResult Describe(string service, IReadOnlyList<ParkedMessages> counts)
    {
        var parked = counts.Where(c => c.Messages > 0).ToList();
        if (parked.Count == 0) return HealthCheckResult.Healthy();
        return HealthCheckResult.Degraded(
            $"{string.Join("; ", parked.Select(p => $"{p.Messages} message(s) parked in {p.DeadLetterQueue}"))} after every retry failed; " +
            $"the service logged why. Fix the cause, then `aifinops dead-letters replay {service}` (docs/dead-letters.md)");
    }

    private sealed record Answer(HealthCheckResult Result, long At);
}
