namespace AiFinOps.Cli.Emitting;

/// <summary>Counts the emitting loop keeps and the progress display reads.</summary>
public sealed class EmitProgress
{
    private long _sent, _resent;

    public long Sent => Interlocked.Read(ref _sent);

    public long Resent => Interlocked.Read(ref _resent);

    public void Emitted(bool resend)
    {
        Interlocked.Increment(ref _sent);
        if (resend) Interlocked.Increment(ref _resent);
    }
}
