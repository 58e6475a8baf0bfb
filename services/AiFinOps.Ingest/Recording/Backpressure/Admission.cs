namespace AiFinOps.Ingest.Recording.Backpressure;

/// <summary>What the <see cref="AdmissionDecision"/> says of a call carrying new usage: go ahead, or wait and why.</summary>
public abstract record Admission
{
    /// <summary>Every watched queue exists and has room (or the broker cannot be asked: publishing decides).</summary>
    public sealed record Granted : Admission;

    /// <summary>The probe has not read the queues yet: whether they exist is unknown.</summary>
    public sealed record NotChecked : Admission;

    /// <summary>A watched consumer's queue does not exist: a message published now would never reach it.</summary>
    public sealed record QueueMissing(string Queue, string Service) : Admission;

    /// <summary>
    /// A watched queue exists but has had no consumer for longer than the grace period: its service is down or cannot
    /// start (a receive queue it cannot declare, say), so what is published now would wait there unprocessed.
    /// </summary>
    public sealed record NoConsumer(string Queue, string Service, TimeSpan For) : Admission;

    /// <summary>A watched queue holds the maximum backlog or more.</summary>
    public sealed record Behind(string Queue, uint Messages) : Admission;
}

/// <summary>Pure decision: may a call go ahead given the consumers' queues?</summary>
public static class AdmissionDecision
{
    public static Admission Decide(ConsumerLag lag, int maxBacklog, TimeSpan consumerGrace, DateTimeOffset now)
    {
        if (lag.Unread) return new Admission.NotChecked();
        if (now - lag.ReadAt > ConsumerLag.StaleAfter) return new Admission.Granted();
        // A missing queue outweighs any backlog: what is published now is lost for that consumer, not merely late.
        if (lag.Missing is [var missing, ..]) return new Admission.QueueMissing(missing.Queue, missing.Service);
        // Longer than a consumer restart takes without one: nothing would process what is accepted now.
        if (lag.Unattended.Where(u => lag.ReadAt - u.Since > consumerGrace).MinBy(u => u.Since) is { } unattended)
            return new Admission.NoConsumer(unattended.Queue, unattended.Service, lag.ReadAt - unattended.Since);
        if (lag.Worst is { Messages: var messages } worst && messages >= maxBacklog) return new Admission.Behind(worst.Queue, messages);
        return new Admission.Granted();
    }
}
