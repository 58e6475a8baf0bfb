namespace AiFinOps.ServiceDefaults.Messaging;

/// <summary>
/// The retry schedule of every consumer, applied on the endpoint so each attempt gets a fresh scope and session.
/// Short first steps settle a lost duplicate race (the retry finds the winner's streams and skips them); the long
/// tail (about four minutes in all) rides out a database restart before a message is parked in its _error queue.
/// </summary>
public static class ConsumerRetry
{
    public static readonly int[] IntervalsMs = [50, 200, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 120_000];
}
