using AiFinOps.Notifications.Deliveries;
using AiFinOps.Notifications.Deliveries.Sending;
using Microsoft.Extensions.Configuration;

namespace AiFinOps.Notifications.Tests;

/// <summary>Retries and backoff (pure): what an attempt makes of a delivery.</summary>
public sealed class DeliveryProgressTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly AttemptResult Http500 = AttemptResult.Failure("HTTP 500 Internal Server Error", TimeSpan.FromMilliseconds(20), 500);

    [Fact]
    public void The_default_schedule_waits_5_s_30_s_2_min_10_min_30_min_1_h_2_h_and_tries_8_times()
    {
        var policy = DeliveryPolicy.Default;

        var waits = Enumerable.Range(0, 7).Select(failed => DeliveryProgress.After(failed, Http500, At, policy).NextAttemptAt!.Value - At);

        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
            TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2)], waits);
        Assert.Equal(new DeliveryState(DeliveryStatus.Failed, null), DeliveryProgress.After(7, Http500, At, policy));
        Assert.Equal(TimeSpan.FromSeconds(10), policy.Timeout);
    }

    [Fact]
    public void The_last_wait_repeats_when_more_attempts_are_allowed_than_waits_given()
    {
        var policy = new DeliveryPolicy([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)], MaxAttempts: 5, TimeSpan.FromSeconds(2));

        var state = DeliveryProgress.After(3, Http500, At, policy);

        Assert.Equal(new DeliveryState(DeliveryStatus.Pending, At.AddSeconds(4)), state);
        Assert.Equal(DeliveryStatus.Failed, DeliveryProgress.After(4, Http500, At, policy).Status);
    }

    [Fact]
    public void A_2xx_delivers_whatever_failed_before()
    {
        var state = DeliveryProgress.After(6, AttemptResult.Success(204, TimeSpan.FromMilliseconds(12)), At, DeliveryPolicy.Default);

        Assert.Equal(new DeliveryState(DeliveryStatus.Delivered, null), state);
    }

    [Fact]
    public void A_permanent_failure_ends_the_delivery_at_the_first_attempt()
    {
        var state = DeliveryProgress.After(0, AttemptResult.Refused("SMTP is not configured"), At, DeliveryPolicy.Default);

        Assert.Equal(new DeliveryState(DeliveryStatus.Failed, null), state);
    }

    [Fact]
    public void The_policy_reads_its_schedule_from_configuration_and_keeps_defaults_for_what_is_not_set()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:Delivery:Backoff:0"] = "00:00:01",
            ["Notifications:Delivery:Backoff:1"] = "00:01:00",
            ["Notifications:Delivery:MaxAttempts"] = "3",
        }).Build();

        var policy = DeliveryPolicy.Read(configuration);

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)], policy.Backoff);
        Assert.Equal((3, TimeSpan.FromSeconds(10)), (policy.MaxAttempts, policy.Timeout));
        Assert.Equal(DeliveryPolicy.Default.Backoff, DeliveryPolicy.Read(new ConfigurationBuilder().Build()).Backoff);
    }

    [Fact]
    public void A_policy_that_would_never_try_is_refused_at_startup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Notifications:Delivery:MaxAttempts"] = "0" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => DeliveryPolicy.Read(configuration));
        Assert.Contains("MaxAttempts", error.Message);
    }
}
