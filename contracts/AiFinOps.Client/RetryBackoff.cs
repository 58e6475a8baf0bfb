namespace AiFinOps.Client;

/// <summary>
/// Exponential backoff with "equal jitter": retry <c>n</c> (from 1) waits between half and all of
/// <c>min(max, initial × 2^(n-1))</c>, so emitters that failed together do not come back together.
/// </summary>
public sealed record RetryBackoff(TimeSpan Initial, TimeSpan Max)
{
    /// <param name="retry">1 for the first retry.</param>
    /// <param name="random">A uniform sample in [0, 1).</param>
    public TimeSpan Delay(int retry, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var exponent = Math.Min(retry - 1, 30);
        var ceiling = Math.Min(Max.TotalMilliseconds, Initial.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling / 2 + ceiling / 2 * Math.Clamp(random, 0, 1));
    }
}
