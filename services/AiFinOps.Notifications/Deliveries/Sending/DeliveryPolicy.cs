using Microsoft.Extensions.Configuration;

namespace AiFinOps.Notifications.Deliveries.Sending;

/// <summary>
/// How hard a delivery is tried: <see cref="Backoff"/> is the wait after the 1st, 2nd, … failed attempt (the last wait
/// repeats), up to <see cref="MaxAttempts"/> attempts, each given <see cref="Timeout"/>. Configured under
/// <c>Notifications:Delivery</c> (<c>Backoff</c> as a list of <c>hh:mm:ss</c>, <c>MaxAttempts</c>, <c>Timeout</c>).
/// </summary>
public sealed record DeliveryPolicy(IReadOnlyList<TimeSpan> Backoff, int MaxAttempts, TimeSpan Timeout)
{
    public const string Section = "Notifications:Delivery";

    public static readonly DeliveryPolicy Default = new(
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
         TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2)],
        MaxAttempts: 8,
        Timeout: TimeSpan.FromSeconds(10));

    /// <summary>How long a worker may hold a claimed delivery before another may take it over (it crashed mid-send).</summary>
    public TimeSpan Lease => Timeout * 4 + TimeSpan.FromMinutes(1);

    /// <summary>The wait after the <paramref name="failedAttempts"/>-th failed attempt in a row (1 = the first).</summary>
    public TimeSpan DelayAfter(int failedAttempts) => Backoff[Math.Clamp(failedAttempts, 1, Backoff.Count) - 1];

    public static DeliveryPolicy Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var backoff = section.GetSection("Backoff").Get<TimeSpan[]>() is { Length: > 0 } configured ? configured : Default.Backoff;
        var policy = new DeliveryPolicy(backoff, section.GetValue<int?>("MaxAttempts") ?? Default.MaxAttempts,
            section.GetValue<TimeSpan?>("Timeout") ?? Default.Timeout);
        if (policy.MaxAttempts < 1) throw new InvalidOperationException($"{Section}:MaxAttempts must be at least 1.");
        if (policy.Timeout <= TimeSpan.Zero) throw new InvalidOperationException($"{Section}:Timeout must be more than zero.");
        if (policy.Backoff.Any(b => b < TimeSpan.Zero)) throw new InvalidOperationException($"{Section}:Backoff waits cannot be negative.");
        return policy;
    }
}
