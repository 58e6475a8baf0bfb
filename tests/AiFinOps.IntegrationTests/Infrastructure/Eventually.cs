namespace AiFinOps.IntegrationTests.Infrastructure;

/// <summary>Consumers are asynchronous: poll until a condition holds, and fail with the last observation.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> observe, Func<T, bool> holds, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(45));
        T last;
        do
        {
            last = await observe();
            if (holds(last)) return last;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"Timed out waiting until {what}; last observation: {System.Text.Json.JsonSerializer.Serialize(last)}");
    }
}
