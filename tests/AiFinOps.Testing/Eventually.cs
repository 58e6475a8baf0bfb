namespace AiFinOps.Testing;

/// <summary>Waits for an asynchronous effect (a message consumed through the real bus) without fixed sleeps.</summary>
public static class Eventually
{
    /// <summary>Polls until <paramref name="done"/> holds or the time is up, and returns the last value: the caller asserts on it.</summary>
    public static async Task<T> MatchesAsync<T>(Func<Task<T>> read, Func<T, bool> done, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(100);
        }
    }

    /// <summary>Polls until <paramref name="holds"/> holds (45 s unless told), and fails with <paramref name="what"/> and the last observation.</summary>
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
