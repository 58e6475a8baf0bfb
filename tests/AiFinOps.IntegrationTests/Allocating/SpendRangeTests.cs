using AiFinOps.IntegrationTests.Infrastructure;

namespace AiFinOps.IntegrationTests.Allocating;

public sealed class SpendRangeTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    [Fact]
    public async Task Spend_over_any_range_equals_the_sum_of_the_calls_inside_it()
    {
        var sent = await GeneratedUsage.SendAsync(system, seed: 23, count: 400, workflow: "range-check");
        await Eventually.Until(() => GeneratedUsage.TotalEventsAsync(system, "workflow=range-check"), n => n == sent.Count, "every generated call is booked");

        var random = new Random(5);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 12; i++)
        {
            var from = now.AddMinutes(-random.Next(0, 3 * 24 * 60)).AddSeconds(-random.Next(60));
            var to = from.AddMinutes(random.Next(1, 2 * 24 * 60)).AddSeconds(random.Next(60));
            var expected = sent.Where(c => c.At >= from && c.At < to).ToList();

            var body = await ReadApi.GetAsync(system.Allocation,
                $"/api/v1/spend?workflow=range-check&groupBy=workflow&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}",
                AiFinOpsSystem.AdminKey);
            var totals = body.GetProperty("totals");
            Assert.Equal(expected.Count, totals.GetProperty("events").GetInt64());
            Assert.Equal(expected.Sum(c => c.Input), totals.GetProperty("inputTokens").GetInt64());
            Assert.Equal(expected.Sum(c => c.Output), totals.GetProperty("outputTokens").GetInt64());
        }
    }
}
