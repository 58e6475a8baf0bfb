using AiFinOps.ServiceDefaults.Messaging.DeadLetters;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace AiFinOps.Ingest.Tests.Messaging;

/// <summary>The dead-letter health check's wording and the headers a replayed message keeps (ServiceDefaults, shared by every service).</summary>
public sealed class DeadLetterTests
{
    [Fact]
    public void Nothing_parked_is_healthy()
    {
        var result = DeadLetterHealthCheck.Describe("allocation", [new ParkedMessages("a-usage", "a-usage_error", 0), new ParkedMessages("a-repriced", "a-repriced_error", 0)]);
        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public void Parked_messages_degrade_health_naming_each_queue_its_count_and_the_replay_command()
    {
        var result = DeadLetterHealthCheck.Describe("allocation",
            [new ParkedMessages("a-usage", "a-usage_error", 12), new ParkedMessages("a-repriced", "a-repriced_error", 0), new ParkedMessages("a-outcome", "a-outcome_error", 1)]);
        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("12 message(s) parked in a-usage_error; 1 message(s) parked in a-outcome_error after every retry failed; " +
            "the service logged why. Fix the cause, then `aifinops dead-letters replay allocation` (docs/dead-letters.md)", result.Description);
    }

    [Fact]
    public void A_replayed_message_keeps_its_identity_and_headers_but_not_the_fault_masstransit_added()
    {
        var parked = new BasicProperties
        {
            MessageId = "m-1",
            ContentType = "application/vnd.masstransit+json",
            Persistent = false,
            Headers = new Dictionary<string, object?>
            {
                ["MT-Reason"] = "fault",
                ["MT-Fault-Message"] = "the database refused the batch",
                ["MT-Fault-StackTrace"] = "at …",
                ["MT-Host-MachineName"] = "node-1",
                ["traceparent"] = "00-abc-def-01",
            },
        };

        var replayed = DeadLetterQueues.WithoutFaultHeaders(parked);

        Assert.Equal(("m-1", "application/vnd.masstransit+json", true), (replayed.MessageId, replayed.ContentType, replayed.Persistent));
        Assert.Equal(["traceparent"], replayed.Headers!.Keys);
    }
}
