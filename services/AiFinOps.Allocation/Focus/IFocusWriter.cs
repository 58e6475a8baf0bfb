namespace AiFinOps.Allocation.Focus;

/// <summary>Writes FOCUS rows to a stream as they come, holding at most a bounded batch of them.</summary>
public interface IFocusWriter : IAsyncDisposable
{
    ValueTask WriteAsync(FocusCharge charge, CancellationToken cancellationToken);

    /// <summary>Writes what is still held and the end of the file (a Parquet footer); the stream stays open.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
