namespace AiFinOps.Testing;

/// <summary>What MassTransit's retry policy does around a consumer: try again after a failed transaction.</summary>
public static class BusRetry
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> handle, int attempts = 5)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await handle();
            }
            catch (Exception) when (attempt < attempts)
            {
                await Task.Delay(50);
            }
        }
    }
}
